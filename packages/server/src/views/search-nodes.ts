import type { EstateGraph } from '@impact/core';
import type { NodeView } from '../schemas/node-view.js';
import { nodeView } from './node-view.js';

/**
 * Nodes whose id, address, name or ARN holds `q` (case-insensitive); exact matches first,
 * then shorter ids, then by id. An empty query lists nodes by id.
 */
export function searchNodes(graph: EstateGraph, q: string, limit: number): NodeView[] {
  const needle = q.trim().toLowerCase();
  const hits: { id: string; rank: number }[] = [];
  graph.forEachNode((id, a) => {
    const fields = [id, a.address ?? '', a.name ?? '', a.arn ?? ''].map((f) => f.toLowerCase());
    if (needle === '') hits.push({ id, rank: 1 });
    else if (fields.includes(needle)) hits.push({ id, rank: 0 });
    else if (fields.some((f) => f.includes(needle))) hits.push({ id, rank: 1 });
  });
  hits.sort((x, y) => x.rank - y.rank || x.id.length - y.id.length || x.id.localeCompare(y.id));
  return hits.slice(0, limit).map((h) => nodeView(h.id, graph.getNodeAttributes(h.id)));
}
