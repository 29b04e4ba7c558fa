import { DirectedGraph } from 'graphology';
import type { EstateMap, FindingSeverity } from '../api/types.js';
import { FINDING_COLOR } from '../components/colors.js';
import type { Point } from './ring-layout.js';

export interface MapNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  worst: FindingSeverity | null;
  resources: number;
  secrets: number;
  findings: Record<FindingSeverity, number>;
  labelPriority: number;
}

export interface MapEdge {
  count: number;
  kinds: Record<string, number>;
  size: number;
  color: string;
  type: 'arrow';
}

export type MapGraph = DirectedGraph<MapNode, MapEdge>;

/** A workspace's radius in layout units (sigma draws map sizes in positions): grows with its size. */
export function mapNodeSize(resources: number): number {
  return 4 + 2 * Math.log2(1 + resources);
}

/**
 * The graph sigma draws for the estate map, built once per answer and layout: workspaces
 * coloured by their worst finding, consumer → producer edges as thick as their link count.
 */
export function createMapGraph(map: EstateMap, positions: Map<string, Point>): MapGraph {
  const graph: MapGraph = new DirectedGraph();
  const rank = { error: 3, warn: 2, info: 1 } as const;
  for (const w of map.workspaces) {
    const p = positions.get(w.name) ?? { x: 0, y: 0 };
    graph.addNode(w.name, {
      x: p.x,
      y: p.y,
      size: mapNodeSize(w.resources),
      color: FINDING_COLOR[w.worst ?? 'none'],
      label: w.name,
      worst: w.worst,
      resources: w.resources,
      secrets: w.secrets,
      findings: w.findings,
      // Workspaces with worse findings, then bigger ones, keep their label when space is short.
      labelPriority: (w.worst ? rank[w.worst] : 0) * 1000 + w.resources,
    });
  }
  for (const l of map.links) {
    if (!graph.hasNode(l.from) || !graph.hasNode(l.to) || graph.hasEdge(l.from, l.to)) continue;
    graph.addDirectedEdge(l.from, l.to, {
      count: l.count,
      kinds: l.kinds,
      size: Math.min(8, 0.8 + Math.log2(l.count)),
      color: '#9aa0ad',
      type: 'arrow',
    });
  }
  return graph;
}
