import { bumpRevision } from '@impact/core';
import { createEstateGraph } from '@impact/core/node';
import { describe, expect, it } from 'vitest';
import { secretViews } from './secret-views.js';

const SECRET = 'platform::aws_secretsmanager_secret.db';
const reader = (workspace: string) => `${workspace}::aws_lambda_function.api`;

/** A secret read by a function in each of two other workspaces. */
function estate() {
  const graph = createEstateGraph();
  graph.addNode(SECRET, {
    kind: 'resource',
    workspace: 'platform',
    address: 'aws_secretsmanager_secret.db',
    label: 'db',
    type: 'aws_secretsmanager_secret',
    secret: { service: 'secretsmanager', recoveryWindowDays: 30 },
  });
  for (const workspace of ['app', 'jobs']) {
    graph.addNode(reader(workspace), {
      kind: 'resource',
      workspace,
      address: 'aws_lambda_function.api',
      label: 'api',
      type: 'aws_lambda_function',
    });
    graph.addDirectedEdgeWithKey(`${reader(workspace)}->${SECRET}`, reader(workspace), SECRET, {
      kind: 'arn_reference',
      attribute: 'environment',
      confidence: 'exact',
    });
  }
  return graph;
}

describe('secretViews', () => {
  it('is worked out again once the graph is patched in place and its revision bumped', async () => {
    const graph = estate();
    const [before] = await secretViews(graph);
    expect(before).toMatchObject({ consumers: 2, consumerWorkspaces: 2, recoveryWindowDays: 30 });
    expect(before?.worstFinding).not.toBe('error:zero-recovery-window');
    // As an incremental ingest does: `jobs` stops reading the secret, whose window drops to 0.
    graph.dropEdge(`${reader('jobs')}->${SECRET}`);
    graph.mergeNodeAttributes(SECRET, { secret: { service: 'secretsmanager', recoveryWindowDays: 0 } });
    expect((await secretViews(graph))[0]).toBe(before);
    bumpRevision(graph);
    expect((await secretViews(graph))[0]).toMatchObject({
      consumers: 1,
      consumerWorkspaces: 1,
      recoveryWindowDays: 0,
      worstFinding: 'error:zero-recovery-window',
    });
  });
});
