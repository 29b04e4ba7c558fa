import { SEVERITY_COLOR } from '../components/colors.js';
import type { DisplayEdge, DisplayGraph, DisplayNode } from './display-graph.js';

// Everything that changes how the graph looks without changing what it is: sigma reducers read
// this view state and return display data; the graph itself is never written to.

export type ColourBy = 'workspace' | 'severity';

export interface ViewState {
  hovered: string | null;
  colourBy: ColourBy;
  search: string;
  /** Drawn sizes relative to the graph's (a large drawing draws small screen-sized points). */
  sizeScale?: number;
}

/** Up to this many edges every edge shows its kind; above, only those of the hovered node do. */
const EDGE_LABELS = 12;
/** Above this many edges only the hovered node's are drawn: thousands of spokes hide the nodes. */
const EDGES_ON_HOVER = 5000;
const DIMMED = '#9a9aa5';

export function nodeReducer(graph: DisplayGraph, view: ViewState, id: string, data: DisplayNode) {
  const out: Partial<DisplayNode> & { highlighted?: boolean; zIndex?: number; forceLabel?: boolean } = {
    ...data,
  };
  if (view.sizeScale !== undefined) out.size = data.size * view.sizeScale;
  if (view.colourBy === 'severity')
    out.color = data.distance === 0 ? '#3a86ff' : data.severity ? SEVERITY_COLOR[data.severity] : '#8d99ae';
  // Which labels show is left to sigma's label grid and the label placer (no overlap, worst first).
  if (data.distance === 0) out.highlighted = true;
  if (view.search && data.label.toLowerCase().includes(view.search)) {
    out.label = data.label;
    out.highlighted = true;
    out.forceLabel = true;
    out.zIndex = 2;
  }
  if (view.hovered && view.hovered !== id && !graph.areNeighbors(view.hovered, id)) {
    out.color = DIMMED;
    out.label = '';
    out.zIndex = 0;
  } else if (view.hovered) {
    out.label = data.label;
    out.forceLabel = true;
    out.zIndex = 1;
  }
  return out;
}

export function edgeReducer(graph: DisplayGraph, view: ViewState, id: string, data: DisplayEdge) {
  if (!view.hovered) {
    if (graph.size > EDGES_ON_HOVER) return { ...data, hidden: true };
    return graph.size > EDGE_LABELS ? { ...data, label: '' } : data;
  }
  const [from, to] = graph.extremities(id);
  return from === view.hovered || to === view.hovered
    ? { ...data, size: data.size + 0.5, zIndex: 1 }
    : { ...data, hidden: true };
}
