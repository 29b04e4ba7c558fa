import { MultiDirectedGraph } from 'graphology';
import type { Confidence, EdgeAttributes, NodeAttributes } from '../model/graph-types.js';

/** Edges point from a dependent (consumer) to what it depends on (producer). */
export type EstateGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export function createEstateGraph(): EstateGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
}

const STRENGTH: Record<Confidence, number> = {
  reference: 5,
  exact: 4,
  arn_without_suffix: 3,
  name: 2,
  wildcard: 1,
};

/**
 * Adds one edge per (consumer, producer, kind); a second piece of evidence of the same kind
 * replaces the first only when it is stronger. Keys are deterministic so re-ingest gives the same ids.
 */
export function addEvidence(graph: EstateGraph, from: string, to: string, attrs: EdgeAttributes): boolean {
  if (from === to) return false;
  const key = `${from}->${to}#${attrs.kind}`;
  const current = graph.hasEdge(key) ? graph.getEdgeAttributes(key) : undefined;
  if (current) {
    if (STRENGTH[attrs.confidence] > STRENGTH[current.confidence]) graph.replaceEdgeAttributes(key, attrs);
    return false;
  }
  // A missing endpoint is a linker's bug or an output/workspace that does not exist: skip, never
  // throw. Checked only when graphology refuses the edge: endpoints are nearly always there.
  try {
    graph.addDirectedEdgeWithKey(key, from, to, attrs);
    return true;
  } catch (error) {
    if (!graph.hasNode(from) || !graph.hasNode(to)) return false;
    throw error;
  }
}
