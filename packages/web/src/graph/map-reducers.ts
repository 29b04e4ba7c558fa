import type { MapEdge, MapGraph, MapNode } from './create-map-graph.js';

const DIMMED = '#c4c7ce';

/** Hovering a workspace keeps it and its neighbours; the graph itself is never written to. */
export function mapNodeReducer(graph: MapGraph, hovered: string | null, id: string, data: MapNode) {
  if (!hovered) return data;
  if (id === hovered) return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
  if (graph.areNeighbors(hovered, id)) return { ...data, forceLabel: true, zIndex: 1 };
  return { ...data, color: DIMMED, label: '', zIndex: 0 };
}

export function mapEdgeReducer(graph: MapGraph, hovered: string | null, id: string, data: MapEdge) {
  if (!hovered) return data;
  const [from, to] = graph.extremities(id);
  return from === hovered || to === hovered
    ? { ...data, color: from === hovered ? '#3a6ea5' : '#b5651d', zIndex: 1 }
    : { ...data, hidden: true };
}
