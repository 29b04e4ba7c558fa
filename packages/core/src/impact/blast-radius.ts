import type { EstateGraph } from '../graph/estate-graph.js';
import type { EdgeAttributes } from '../model/graph-types.js';

export interface Reached {
  id: string;
  distance: number;
  /** Edge keys from this node towards the sources, one per shortest path's first hop. */
  via: string[];
}

export interface BlastRadiusOptions {
  /** Hops at most (default: unlimited). */
  maxDepth?: number;
  /** Nodes at most; further ones are counted, not returned. */
  limit?: number;
  /** Edges not to follow (given their attributes, so the query path looks nothing up). */
  skip?: (edgeKey: string, attrs: EdgeAttributes) => boolean;
  /**
   * Edges followed only from the sources themselves, whose nodes are not expanded further:
   * a policy that grants access to a deleted secret is affected, what depends on the policy is not.
   */
  terminal?: (edgeKey: string, attrs: EdgeAttributes) => boolean;
}

export interface BlastRadius {
  reached: Reached[];
  /** Every node seen (the sources at distance 0, and nodes cut by `limit` too), by id. */
  seen: ReadonlyMap<string, Reached>;
  /** Nodes reachable but cut by `limit` or `maxDepth`. */
  truncated: number;
}

/**
 * Every node that depends on any of `sources`, breadth first along inbound edges, with each
 * node's hop distance and the edges of its shortest paths. Written for the query path: it
 * allocates only for what it reaches (graphology-traversal allocates for the whole graph).
 */
export function blastRadius(
  graph: EstateGraph,
  sources: readonly string[],
  options: BlastRadiusOptions = {},
): BlastRadius {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const seen = new Map<string, Reached>();
  const leaves = new Set<string>();
  let frontier: string[] = [];
  for (const s of sources) {
    if (graph.hasNode(s) && !seen.has(s)) {
      seen.set(s, { id: s, distance: 0, via: [] });
      frontier.push(s);
    }
  }
  const reached: Reached[] = [];
  let truncated = 0;
  let depth = 0;
  while (frontier.length > 0) {
    depth++;
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachInEdge(node, (edge, attrs, source) => {
        if (options.skip?.(edge, attrs)) return;
        const terminal = options.terminal?.(edge, attrs) === true;
        if (terminal && depth > 1) return;
        const known = seen.get(source);
        if (known) {
          if (known.distance === depth && known.via.length < 4) known.via.push(edge);
          // Reached again through an ordinary edge: it is no longer only a leaf.
          if (!terminal && known.distance === depth && leaves.delete(source)) next.push(source);
          return;
        }
        const r: Reached = { id: source, distance: depth, via: [edge] };
        seen.set(source, r);
        if (depth > maxDepth || reached.length >= limit) {
          truncated++;
          return;
        }
        reached.push(r);
        if (terminal) leaves.add(source);
        else next.push(source);
      });
    }
    frontier = next;
  }
  return { reached, seen, truncated };
}
