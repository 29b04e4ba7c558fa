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
 * V8 gives such objects a hidden class per set of keys, so a million nodes made millions of
 * hidden classes, and young-generation collections on that heap grew with the size of the young
 * generation: with 64 MB semi-spaces (what `impact serve` runs with) one cost ~30 ms against
 * ~6.5 ms here, and the impact route on the 1M estate ran at 19.7k req/s against 39.5k. Here both
 * objects are prototype-free dictionaries (`Object.create(null)`: a hash table from the start; at
 * 100k resources they retain ~185 B more a resource). graphology calls `hasOwnProperty` on them
 * only in the two-argument `hasEdge` / `hasDirectedEdge`, which are answered here instead.
 */
function useDictionaryAdjacency(graph: EstateGraph): void {
  const host = graph as unknown as {
    NodeDataClass?: NodeDataClass;
    _nodes?: Map<string, NodeData>;
  };
  const Base = host.NodeDataClass;
  const nodes = host._nodes;
  if (typeof Base !== 'function' || !(nodes instanceof Map)) return;
  host.NodeDataClass = class extends Base {
    clear(): void {
      this.inDegree = 0;
      this.outDegree = 0;
      this.directedLoops = 0;
      this.in = Object.create(null) as Record<string, unknown>;
      this.out = Object.create(null) as Record<string, unknown>;
    }
  } as NodeDataClass;
  const between = (source: unknown, target: unknown): boolean =>
    nodes.get(String(source))?.out[String(target)] !== undefined;
  const hasEdge = graph.hasEdge.bind(graph);
  const hasDirectedEdge = graph.hasDirectedEdge.bind(graph);
  // Fixed arity, no rest array: ingest asks `hasEdge(key)` once per piece of evidence.
  graph.hasEdge = ((a: unknown, b?: unknown) =>
    b === undefined ? hasEdge(a as string) : between(a, b)) as EstateGraph['hasEdge'];
  graph.hasDirectedEdge = ((a: unknown, b?: unknown) =>
    b === undefined ? hasDirectedEdge(a as string) : between(a, b)) as EstateGraph['hasDirectedEdge'];
}

const STRENGTH: Record<Confidence, number> = {
  reference: 7,
  exact: 6,
  arn_without_suffix: 5,
  name: 4,
  wildcard: 3,
  ambiguous: 2,
  guess: 1,
};

/** Whether `a` is stronger evidence than `b`. */
export function stronger(a: Confidence, b: Confidence): boolean {
  return STRENGTH[a] > STRENGTH[b];
}

/** The key of the one edge of a kind between two nodes. */
export function edgeKey(from: string, to: string, kind: string): string {
  return `${from}->${to}#${kind}`;
}

/** What became of a piece of evidence: a new edge, folded into a known one, or refused for a missing end. */
export type EvidenceOutcome = 'added' | 'known' | 'no-endpoint';

/**
 * Adds one edge per (consumer, producer, kind); a second piece of evidence of the same kind
 * replaces the first only when it is stronger. Keys are deterministic so re-ingest gives the
 * same ids. An end that is not in the graph is answered `no-endpoint`, for the caller to count.
 */
export function addEvidence(
  graph: EstateGraph,
  from: string,
  to: string,
  attrs: EdgeAttributes,
  /** Its key, when the caller has it already. */
  key: string = edgeKey(from, to, attrs.kind),
): EvidenceOutcome {
  if (from === to) return 'known';
  const current = graph.hasEdge(key) ? graph.getEdgeAttributes(key) : undefined;
  if (current) {
    if (STRENGTH[attrs.confidence] > STRENGTH[current.confidence]) graph.replaceEdgeAttributes(key, attrs);
    return 'known';
  }
  // Checked only when graphology refuses the edge: endpoints are nearly always there.
  try {
    graph.addDirectedEdgeWithKey(key, from, to, attrs);
    return 'added';
  } catch (error) {
    if (!graph.hasNode(from) || !graph.hasNode(to)) return 'no-endpoint';
    throw error;
  }
}
