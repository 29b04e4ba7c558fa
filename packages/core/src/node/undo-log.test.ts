import { describe, expect, it } from 'vitest';
import { createEstateGraph, type EstateGraph } from '../graph/estate-graph.js';
import type { NodeAttributes } from '../model/graph-types.js';
import { recordUndo } from './undo-log.js';

const node = (id: string, extra: Partial<NodeAttributes> = {}): NodeAttributes => ({
  kind: 'resource',
  workspace: 'w',
  address: id,
  label: id,
  ...extra,
});

function small(): EstateGraph {
  const g = createEstateGraph();
  for (const id of ['a', 'b', 'c']) g.addNode(id, node(id));
  g.addDirectedEdgeWithKey('a->b', 'a', 'b', { kind: 'depends_on', attribute: 'x', confidence: 'exact' });
  g.addDirectedEdgeWithKey('b->c', 'b', 'c', { kind: 'depends_on', attribute: 'y', confidence: 'name' });
  return g;
}

/** Nodes and edges with their attributes, sorted: undoing puts back what was, not where it was in insertion order. */
const dump = (g: EstateGraph) =>
  JSON.stringify([
    g.mapNodes((id, a) => JSON.stringify([id, a])).sort(),
    g.mapEdges((key, a, s, t) => JSON.stringify([key, s, t, a])).sort(),
  ]);

describe('recordUndo', () => {
  it('undoes every kind of change, newest first, back to the graph as it was', () => {
    const g = small();
    const before = dump(g);
    const undo = recordUndo(g);
    g.addNode('d', node('d'));
    g.addDirectedEdgeWithKey('d->a', 'd', 'a', { kind: 'lookup', attribute: 'z', confidence: 'exact' });
    g.replaceEdgeAttributes('a->b', { kind: 'depends_on', attribute: 'x2', confidence: 'reference' });
    g.mergeNodeAttributes('c', { missingRefs: ['gone'] });
    g.replaceNodeAttributes('a', node('a', { type: 'aws_x' }));
    g.dropEdge('b->c');
    g.dropNode('b');
    g.addNode('b', node('b', { label: 'again' }));
    expect(dump(g)).not.toBe(before);
    undo.rollback();
    expect(dump(g)).toBe(before);
    // Recording stopped: the graph's own methods again.
    g.addNode('e', node('e'));
    expect(Object.hasOwn(g, 'addNode')).toBe(false);
  });

  it('keeps the changes when stopped', () => {
    const g = small();
    const undo = recordUndo(g);
    g.dropNode('c');
    undo.stop();
    expect(g.hasNode('c')).toBe(false);
    expect(g.size).toBe(1);
  });
});
