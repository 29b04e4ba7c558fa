import { describe, expect, it } from 'vitest';
import { createEstateGraph } from '../../graph/estate-graph.js';
import { bumpRevision } from '../../graph/graph-revision.js';
import { evaluateRules } from '../evaluate-rules.js';

const param = (n: number) => `params::aws_ssm_parameter.p${n}`;

/** Three SSM parameters holding one value. */
function sameValueParameters() {
  const graph = createEstateGraph();
  for (const n of [0, 1, 2])
    graph.addNode(param(n), {
      kind: 'resource',
      workspace: 'params',
      address: `aws_ssm_parameter.p${n}`,
      label: `p${n}`,
      type: 'aws_ssm_parameter',
      secret: { service: 'ssm', valueDigest: 'same' },
    });
  return graph;
}

const sharedWith = (graph: ReturnType<typeof createEstateGraph>) =>
  evaluateRules(graph, { now: new Date() }).find((f) => f.rule === 'shared-value')?.evidence;

describe('shared-value', () => {
  it('groups a graph patched in place anew once its revision is bumped, even at the same node count', () => {
    const graph = sameValueParameters();
    expect(sharedWith(graph)).toEqual([param(0), param(1), param(2)]);
    // As an incremental ingest does: one value changed, no node added or removed.
    graph.mergeNodeAttributes(param(2), { secret: { service: 'ssm', valueDigest: 'other' } });
    expect(sharedWith(graph)).toEqual([param(0), param(1), param(2)]);
    bumpRevision(graph);
    expect(sharedWith(graph)).toEqual([param(0), param(1)]);
  });
});
