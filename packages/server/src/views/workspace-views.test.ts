import { bumpRevision } from '@impact/core';
import { createEstateGraph } from '@impact/core/node';
import { describe, expect, it } from 'vitest';
import { workspaceIndex } from './workspace-views.js';

const QUEUE = 'platform::aws_sqs_queue.jobs';
const WORKER = 'app::aws_lambda_function.worker';

/** Two workspaces: `app` reads a queue of `platform`. */
function estate() {
  const graph = createEstateGraph();
  for (const name of ['platform', 'app'])
    graph.addNode(name, { kind: 'workspace', workspace: name, address: null, label: name });
  graph.addNode(QUEUE, {
    kind: 'resource',
    workspace: 'platform',
    address: 'aws_sqs_queue.jobs',
    label: 'jobs',
  });
  graph.addNode(WORKER, {
    kind: 'resource',
    workspace: 'app',
    address: 'aws_lambda_function.worker',
    label: 'worker',
  });
  graph.addDirectedEdgeWithKey('reads', WORKER, QUEUE, {
    kind: 'arn_reference',
    attribute: 'event_source_arn',
    confidence: 'exact',
  });
  return graph;
}

describe('workspaceIndex', () => {
  it('is worked out again once the graph is patched in place and its revision bumped', () => {
    const graph = estate();
    expect(workspaceIndex(graph).views.get('platform')).toMatchObject({ resources: 1, consumers: 1 });
    // As an incremental ingest does: the edge goes, the node count stays.
    graph.dropEdge('reads');
    expect(workspaceIndex(graph).views.get('platform')).toMatchObject({ consumers: 1 });
    bumpRevision(graph);
    expect(workspaceIndex(graph).views.get('platform')).toMatchObject({ resources: 1, consumers: 0 });
    expect(workspaceIndex(graph).producers.get('app')?.size).toBe(0);
  });
});
