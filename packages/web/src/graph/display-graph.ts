import type { Severity } from '@impact/core';
import { MultiDirectedGraph } from 'graphology';
import type { Subgraph } from '../api/types.js';
import { workspaceColors } from '../components/colors.js';
import { blastNodeSize } from './blast-node-size.js';
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
  /** Which labels win when space is short: the change, then the worst, then the nearest. */
  labelPriority: number;
}

const SEVERITY_PRIORITY = { irrecoverable: 5, breaks: 4, degraded: 3, info: 2 } as const;

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
    graph.addNode(n.id, {
      x: p.x,
      y: p.y,
      size: blastNodeSize(n),
      color: colors.get(n.workspace) ?? '#888888',
      label: n.label,
      workspace: n.workspace,
      kind: n.kind,
      distance: n.distance,
      members: n.members,
      labelPriority:
        n.distance === 0 ? 1e5 : (n.severity ? SEVERITY_PRIORITY[n.severity] : 1) * 1000 - n.distance,
      ...(n.severity ? { severity: n.severity } : {}),
    });
  }
  for (const e of view.edges) {
    if (!graph.hasNode(e.from) || !graph.hasNode(e.to)) continue;
    graph.addDirectedEdgeWithKey(e.key, e.from, e.to, {
      label: e.count > 1 ? `${e.kind} ×${e.count}` : e.kind,
      kind: e.kind,
      size: Math.min(4, 0.8 + Math.log2(e.count)),
      type: 'arrow',
    });
  }
  return graph;
}
