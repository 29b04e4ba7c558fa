import type { EstateGraph } from '@impact/core';
import { blastRadius } from '@impact/core/node';
import type { Subgraph } from '../schemas/subgraph.js';

/**
 * Grants are affected by what they grant on, and nothing depends on a grant being valid: the
 * same rule core's impact analysis walks by (packages/core/src/impact/analyse-changes.ts).
 */
const TERMINAL = new Set(['iam_grant', 'policy_grants']);

/**
 * The whole blast radius of a node for drawing, closest first up to `limit` nodes: each node
 * with its hop distance, and the first hop of each of its shortest paths (at most four). No
 * severity and no timing (an impact answer gives those for the worst of them); cheap enough to
 * draw tens of thousands of consumers of a hub.
 */
export function radiusSubgraph(
  graph: EstateGraph,
  id: string,
  options: { limit: number; depth?: number },
): Subgraph {
  const radius = blastRadius(graph, [id], {
    limit: options.limit,
    terminal: (_edge, attrs) => TERMINAL.has(attrs.kind),
    ...(options.depth !== undefined ? { maxDepth: options.depth } : {}),
  });
  const node = (nodeId: string, distance: number): Subgraph['nodes'][number] => {
    const a = graph.getNodeAttributes(nodeId);
    return {
      id: nodeId,
      label: a.label,
      kind: a.kind,
      workspace: a.workspace,
      ...(a.type ? { type: a.type } : {}),
      distance,
    };
  };
  const nodes = [node(id, 0), ...radius.reached.map((r) => node(r.id, r.distance))];
  const drawn = new Set(nodes.map((n) => n.id));
  const edges: Subgraph['edges'] = [];
  for (const r of radius.reached)
    for (const key of r.via) {
      const [from, to] = graph.extremities(key);
      if (!drawn.has(from) || !drawn.has(to)) continue;
      const a = graph.getEdgeAttributes(key);
      edges.push({ key, from, to, kind: a.kind, confidence: a.confidence });
    }
  return { nodes, edges, truncated: radius.truncated };
}
