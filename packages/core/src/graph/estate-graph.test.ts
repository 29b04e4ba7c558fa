import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { addEvidence, createEstateGraph } from './estate-graph.js';

const node = { kind: 'resource', workspace: 'w', address: 'a', label: 'a' } as const;

function nodeData(graph: object, key: string): Record<string, unknown> {
  return (graph as { _nodes: Map<string, Record<string, unknown>> })._nodes.get(key) as Record<
    string,
    unknown
  >;
}

describe('createEstateGraph', () => {
  it('keeps the node data graphology makes, with prototype-free adjacency, and answers every edge question', () => {
    const ours = createEstateGraph();
    const plain = new MultiDirectedGraph();
    for (const g of [ours, plain]) {
      g.addNode('a', { ...node });
      g.addNode('b', { ...node, address: 'b', label: 'b' });
    }
    // A graphology upgrade that changes its node data shows here before it breaks a graph.
    expect(Object.keys(nodeData(ours, 'a')).sort()).toEqual(Object.keys(nodeData(plain, 'a')).sort());
    const out = nodeData(ours, 'a').out as object;
    expect(Object.getPrototypeOf(out)).toBe(null);
    expect(ours.hasEdge('a', 'constructor')).toBe(false);
    expect(ours.hasDirectedEdge('nowhere', 'a')).toBe(false);
    expect(addEvidence(ours, 'a', 'b', { kind: 'depends_on', attribute: 'x', confidence: 'reference' })).toBe(
      'added',
    );
    expect(addEvidence(ours, 'a', 'b', { kind: 'depends_on', attribute: 'y', confidence: 'name' })).toBe(
      'known',
    );
    expect(ours.getEdgeAttribute('a->b#depends_on', 'attribute')).toBe('x');
    expect(
      addEvidence(ours, 'a', 'gone', { kind: 'depends_on', attribute: 'x', confidence: 'reference' }),
    ).toBe('no-endpoint');
    expect(ours.hasEdge('a', 'b')).toBe(true);
    expect(ours.hasDirectedEdge('b', 'a')).toBe(false);
    expect(ours.hasDirectedEdge('a', 'b')).toBe(true);
    expect(ours.hasEdge('a->b#depends_on')).toBe(true);
    expect(ours.hasDirectedEdge('a->b#depends_on')).toBe(true);
    expect(ours.edges('a', 'b')).toEqual(['a->b#depends_on']);
    expect(ours.inNeighbors('b')).toEqual(['a']);
    expect(ours.outNeighbors('a')).toEqual(['b']);
    expect(ours.inDegree('b')).toBe(1);
    ours.clearEdges();
    expect(ours.size).toBe(0);
    expect(ours.hasEdge('a', 'b')).toBe(false);
    expect(Object.getPrototypeOf(nodeData(ours, 'a').in)).toBe(null);
    ours.dropNode('b');
    expect(ours.outDegree('a')).toBe(0);
  });
});
