import type { Severity } from '@impact/core';
import { MultiDirectedGraph } from 'graphology';
import type { Subgraph } from '../api/types.js';
import { SEVERITY_SIZE, workspaceColors } from '../components/colors.js';
import { type CollapsedNode, collapseByWorkspace } from './collapse-by-workspace.js';
import { ringLayout } from './ring-layout.js';

export interface DisplayNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  workspace: string;
  kind: string;
  distance: number;
  severity?: Severity;
  members: string[];
}

export interface DisplayEdge {
  label: string;
  kind: string;
  size: number;
  type: 'arrow';
}

export type DisplayGraph = MultiDirectedGraph<DisplayNode, DisplayEdge>;

/**
 * The graphology graph sigma draws, built fresh from an API subgraph (never edited afterwards:
 * hover, search and colour modes live in sigma reducers). Edges point consumer → producer.
 */
export function createDisplayGraph(subgraph: Subgraph, options: { collapse: boolean }): DisplayGraph {
  const view = options.collapse
    ? collapseByWorkspace(subgraph)
    : {
        nodes: subgraph.nodes.map((n): CollapsedNode => ({ ...n, members: [] })),
        edges: subgraph.edges.map((e) => ({ ...e, count: 1 })),
      };
  const positions = ringLayout(view);
  const colors = workspaceColors(subgraph.nodes.map((n) => n.workspace));
  const graph: DisplayGraph = new MultiDirectedGraph();
  for (const n of view.nodes) {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    const base = n.distance === 0 ? 16 : n.severity ? SEVERITY_SIZE[n.severity] : 6;
    graph.addNode(n.id, {
      x: p.x,
      y: p.y,
      size: n.members.length > 1 ? base + Math.min(10, Math.sqrt(n.members.length) * 2) : base,
      color: colors.get(n.workspace) ?? '#888888',
      label: n.label,
      workspace: n.workspace,
      kind: n.kind,
      distance: n.distance,
      members: n.members,
      ...(n.severity ? { severity: n.severity } : {}),
    });
  }
  for (const e of view.edges) {
    if (!graph.hasNode(e.from) || !graph.hasNode(e.to)) continue;
    graph.addDirectedEdgeWithKey(e.key, e.from, e.to, {
      label: e.count > 1 ? `${e.kind} ×${e.count}` : e.kind,
      kind: e.kind,
      size: Math.min(6, 1.5 + Math.log2(e.count)),
      type: 'arrow',
    });
  }
  return graph;
}
