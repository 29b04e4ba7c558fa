import { describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../graph/build-graph.js';
import { createEstateGraph, type EstateGraph } from '../graph/estate-graph.js';
import { bumpRevision } from '../graph/graph-revision.js';
import { diffEstates } from './diff-estates.js';

const SECRET = 'platform::aws_secretsmanager_secret.db';
const READER = 'app::aws_lambda_function.api';

const built = (graph: EstateGraph): BuiltGraph => ({
  graph,
  diagnostics: [],
  stats: {
    workspaces: 0,
    resources: 0,
    outputs: 0,
    nodes: graph.order,
    edges: graph.size,
    edgesByKind: {},
    edgesByConfidence: {},
    unresolved: {},
    diagnostics: { error: 0, warning: 0, info: 0 },
  },
});

/** A secret and the function that reads it, in two workspaces. */
function withSecret(): EstateGraph {
  const graph = createEstateGraph();
  graph.addNode(SECRET, {
    kind: 'resource',
    workspace: 'platform',
    address: 'aws_secretsmanager_secret.db',
    label: 'db',
    type: 'aws_secretsmanager_secret',
    secret: { service: 'secretsmanager', recoveryWindowDays: 30 },
  });
  graph.addNode(READER, {
    kind: 'resource',
    workspace: 'app',
    address: 'aws_lambda_function.api',
    label: 'api',
    type: 'aws_lambda_function',
  });
  graph.addDirectedEdgeWithKey(`${READER}->${SECRET}`, READER, SECRET, {
    kind: 'arn_reference',
    attribute: 'environment',
    confidence: 'exact',
  });
  return graph;
}

const deletedWith = (old: EstateGraph, next: EstateGraph) =>
  diffEstates(built(old), built(next)).secretEvents.find((e) => e.event === 'deleted');

describe('diffEstates', () => {
  it("names a deleted secret's consumers from the old graph as it is at its current revision", () => {
    const old = withSecret();
    const next = createEstateGraph();
    expect(deletedWith(old, next)).toMatchObject({ consumers: [READER] });
    // As an incremental ingest does: the reader stops reading it, in place.
    old.dropEdge(`${READER}->${SECRET}`);
    expect(deletedWith(old, next)).toMatchObject({ consumers: [READER] });
    bumpRevision(old);
    expect(deletedWith(old, next)).toMatchObject({ consumers: [] });
  });
});
