import { bumpRevision } from '@impact/core';
import { createEstateGraph } from '@impact/core/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { estateMap } from './estate-map.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const secret = (s: number) => `platform::aws_ssm_parameter.p${s}`;
const reader = (s: number) => `app::aws_lambda_function.f${s}`;

/** `app` reads each of `platform`'s parameters, one function each. */
function estate(parameters: number) {
  const graph = createEstateGraph();
  for (const name of ['platform', 'app'])
    graph.addNode(name, { kind: 'workspace', workspace: name, address: null, label: name });
  for (let s = 0; s < parameters; s++) {
    graph.addNode(secret(s), {
      kind: 'resource',
      workspace: 'platform',
      address: `aws_ssm_parameter.p${s}`,
      label: `p${s}`,
      type: 'aws_ssm_parameter',
      secret: { service: 'ssm' },
    });
    graph.addNode(reader(s), {
      kind: 'resource',
      workspace: 'app',
      address: `aws_lambda_function.f${s}`,
      label: `f${s}`,
      type: 'aws_lambda_function',
    });
    graph.addDirectedEdgeWithKey(`reads-${s}`, reader(s), secret(s), {
      kind: 'arn_reference',
      attribute: 'environment',
      confidence: 'exact',
    });
  }
  return graph;
}

const linkCount = async (graph: ReturnType<typeof estate>) => (await estateMap(graph)).links[0]?.count ?? 0;

describe('estateMap', () => {
  it('is worked out again once the graph is patched in place and its revision bumped', async () => {
    const graph = estate(3);
    expect(await linkCount(graph)).toBe(3);
    // As an incremental ingest does: one function stops reading its parameter.
    graph.dropEdge('reads-0');
    expect(await linkCount(graph)).toBe(3);
    bumpRevision(graph);
    expect(await linkCount(graph)).toBe(2);
  });

  it('reads the graph at the revision of the findings it waited for', async () => {
    const graph = estate(10);
    // A clock that moves 15 ms each time it is read: the findings' analysis takes several turns.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => {
      now += 15;
      return now;
    });
    const map = estateMap(graph);
    graph.dropEdge('reads-0');
    bumpRevision(graph);
    expect((await map).links).toEqual([
      { from: 'app', to: 'platform', count: 9, kinds: { arn_reference: 9 } },
    ]);
  });
});
