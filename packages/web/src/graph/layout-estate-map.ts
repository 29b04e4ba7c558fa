import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import type { Point } from './ring-layout.js';

export interface MapLayoutInput {
  /** `size` is the node's radius in layout units (what sigma draws with sizes in positions). */
  nodes: { id: string; size: number }[];
  /** Consumer → producer, weighted by how many links. */
  edges: { from: string; to: string; weight: number }[];
}

/** Free area around each node, in node radii: room for its label without crowding. */
const ROOM = 7;

/**
 * ForceAtlas2 (weighted edges pull linked workspaces together), scaled so every node has about
 * the same room whatever the estate's size, then noverlap so no two nodes stack. Deterministic:
 * nodes start on a circle in name order and the iteration count depends only on the input size,
 * so one estate is one picture. Runs in a worker (see layout-worker.ts) and in tests as it is.
 */
export function layoutEstateMap(input: MapLayoutInput): Map<string, Point> {
  const graph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const ids = input.nodes.map((n) => n.id).sort();
  const size = new Map(input.nodes.map((n) => [n.id, n.size]));
  const start = Math.max(10, Math.sqrt(ids.length) * 20);
  ids.forEach((id, i) => {
    const a = (2 * Math.PI * i) / ids.length;
    graph.addNode(id, { x: start * Math.cos(a), y: start * Math.sin(a), size: size.get(id) ?? 5 });
  });
  const edges = [...input.edges].sort(
    (a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || a.weight - b.weight,
  );
  for (const e of edges) {
    if (e.from === e.to || !graph.hasNode(e.from) || !graph.hasNode(e.to)) continue;
    // Both directions add up: the layout only cares how strongly two workspaces are tied.
    if (graph.hasEdge(e.from, e.to))
      graph.updateEdgeAttribute(e.from, e.to, 'weight', (w: number | undefined) => (w ?? 0) + e.weight);
    else graph.addEdge(e.from, e.to, { weight: e.weight });
  }
  if (graph.order > 1) {
    const work = graph.order + graph.size;
    forceAtlas2.assign(graph, {
      iterations: Math.max(60, Math.min(500, Math.floor(400_000 / work))),
      getEdgeWeight: (_edge, attrs) => Math.log2(1 + (attrs.weight as number)),
      settings: {
        ...forceAtlas2.inferSettings(graph),
        barnesHutOptimize: graph.order > 400,
        edgeWeightInfluence: 1,
        gravity: 1,
        scalingRatio: 10,
      },
    });
    spread(graph);
    noverlap.assign(graph, { maxIterations: 100, settings: { margin: 6, ratio: 1.2 } });
  }
  const positions = new Map<string, Point>();
  graph.forEachNode((id, a) => positions.set(id, { x: round(a.x), y: round(a.y) }));
  return positions;
}

/** Rescales around the centroid so the layout's area is about ROOM² node areas per node. */
function spread(graph: Graph): void {
  let cx = 0;
  let cy = 0;
  let area = 0;
  graph.forEachNode((_id, a) => {
    cx += a.x;
    cy += a.y;
    area += (ROOM * a.size) ** 2;
  });
  cx /= graph.order;
  cy /= graph.order;
  let r2 = 0;
  graph.forEachNode((_id, a) => {
    r2 += (a.x - cx) ** 2 + (a.y - cy) ** 2;
  });
  const rms = Math.sqrt(r2 / graph.order) || 1;
  const scale = Math.sqrt(area / Math.PI) / rms / Math.SQRT2;
  graph.updateEachNodeAttributes((_id, a) => ({ ...a, x: (a.x - cx) * scale, y: (a.y - cy) * scale }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(v: number): number {
  return Math.round(v * 100) / 100 + 0;
}
