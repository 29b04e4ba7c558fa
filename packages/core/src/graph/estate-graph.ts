import { MultiDirectedGraph } from 'graphology';
import type { Confidence, EdgeAttributes, NodeAttributes } from '../model/graph-types.js';

/** Edges point from a dependent (consumer) to what it depends on (producer). */
export type EstateGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export function createEstateGraph(): EstateGraph {
  const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  useDictionaryAdjacency(graph);
  return graph;
}

interface NodeData {
  in: Record<string, unknown>;
  out: Record<string, unknown>;
  inDegree: number;
  outDegree: number;
  directedLoops: number;
}
type NodeDataClass = new (key: string, attributes: NodeAttributes) => NodeData;

/**
 * graphology keeps each node's neighbours in two plain objects (`in`, `out`) keyed by node id.
 * V8 gives a plain object a hidden class per set of keys, and no two nodes share neighbours:
 * a million nodes made millions of hidden classes, each edge added a transition, and every
 * neighbour lookup missed its inline cache. Here both objects start in dictionary mode (a hash
 * table, with the usual prototype: graphology calls `hasOwnProperty` on them). Measured on the
 * 1M estate's snapshot, one run each: heap after load 1,988 → 1,768 MB, load 13.7 → 12.3 s,
 * young-generation collections during queries 6.3 → 5.4 ms (median). graphology's code is
 * unchanged; estate-graph.test.ts fails if an upgrade changes the node data this replaces.
 */
function useDictionaryAdjacency(graph: EstateGraph): void {
  const host = graph as unknown as { NodeDataClass?: NodeDataClass };
  const Base = host.NodeDataClass;
  if (typeof Base !== 'function') return;
  host.NodeDataClass = class extends Base {
    clear(): void {
      this.inDegree = 0;
      this.outDegree = 0;
      this.directedLoops = 0;
      this.in = dictionary();
      this.out = dictionary();
    }
  } as NodeDataClass;
}

function dictionary(): Record<string, unknown> {
  return Object.setPrototypeOf(Object.create(null), Object.prototype) as Record<string, unknown>;
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
