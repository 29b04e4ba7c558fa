import type { Subgraph } from '../api/types.js';

/**
 * What a node's page draws: its whole blast radius (GET /api/nodes/:id/radius, up to 20,000
 * nodes) with the severities of the impact answer's worst-first page laid on; nodes and edges
 * of that page the radius lacks are kept, so every listed impact is drawn.
 */
export function drawingSubgraph(radius: Subgraph, answer: Subgraph): Subgraph {
  const judged = new Map(answer.nodes.map((n) => [n.id, n]));
  const nodes = radius.nodes.map((n) => {
    const severity = judged.get(n.id)?.severity;
    return severity ? { ...n, severity } : n;
  });
  const drawn = new Set(nodes.map((n) => n.id));
  for (const n of answer.nodes) if (!drawn.has(n.id)) nodes.push(n);
  const keys = new Set(radius.edges.map((e) => e.key));
  const edges = [...radius.edges, ...answer.edges.filter((e) => !keys.has(e.key))];
  return { nodes, edges, truncated: radius.truncated };
}
