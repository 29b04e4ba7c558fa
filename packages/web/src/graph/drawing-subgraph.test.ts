import { describe, expect, it } from 'vitest';
import recorded from '../../test/data/orders-db-delete.json' with { type: 'json' };
import type { Subgraph } from '../api/types.js';
import { drawingSubgraph } from './drawing-subgraph.js';

const answer = recorded.subgraph as unknown as Subgraph;

describe('drawingSubgraph', () => {
  it('lays the listed severities on the radius and keeps every listed node', () => {
    const [root, ...rest] = answer.nodes;
    if (!root) throw new Error('no node recorded');
    // A radius that knows every node but one, and none of their severities.
    const radius: Subgraph = {
      nodes: [root, ...rest.slice(1)].map(({ severity: _s, ...n }) => n),
      edges: answer.edges.slice(1),
      truncated: 7,
    };
    const drawn = drawingSubgraph(radius, answer);
    expect(drawn.nodes.map((n) => n.id).sort()).toEqual(answer.nodes.map((n) => n.id).sort());
    for (const n of answer.nodes) expect(drawn.nodes.find((d) => d.id === n.id)?.severity).toBe(n.severity);
    expect(drawn.edges.map((e) => e.key).sort()).toEqual(answer.edges.map((e) => e.key).sort());
    expect(drawn.truncated).toBe(7);
    expect(radius.nodes.every((n) => n.severity === undefined)).toBe(true);
  });
});
