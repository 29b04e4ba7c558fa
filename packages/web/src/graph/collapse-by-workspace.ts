import type { Severity } from '@impact/core';
import type { Subgraph, SubgraphEdge, SubgraphNode } from '../api/types.js';
import { SEVERITY_RANK } from '../components/colors.js';

export const GROUP_PREFIX = 'workspace-group::';

export interface CollapsedNode extends SubgraphNode {
  /** Ids of the nodes folded into this one (empty for an ordinary node). */
  members: string[];
}

export interface Collapsed {
  nodes: CollapsedNode[];
  edges: (SubgraphEdge & { count: number })[];
}

/**
 * A new, smaller subgraph with each workspace's impacted nodes folded into one node; the changed
 * node(s) stay themselves. The input is left untouched: collapsing is a view, not an edit.
 */
export function collapseByWorkspace(subgraph: Pick<Subgraph, 'nodes' | 'edges'>): Collapsed {
  const owner = new Map<string, string>();
  const groups = new Map<string, CollapsedNode>();
  const nodes: CollapsedNode[] = [];
  for (const n of subgraph.nodes) {
    if (n.distance === 0) {
      owner.set(n.id, n.id);
      nodes.push({ ...n, members: [] });
      continue;
    }
    const id = GROUP_PREFIX + n.workspace;
    owner.set(n.id, id);
    const group = groups.get(id);
    if (!group) {
      const created: CollapsedNode = {
        id,
        label: n.workspace,
        kind: 'workspace',
        workspace: n.workspace,
        distance: n.distance,
        members: [n.id],
        ...(n.severity ? { severity: n.severity } : {}),
      };
      groups.set(id, created);
      continue;
    }
    group.members.push(n.id);
    group.distance = Math.min(group.distance, n.distance);
    const worst = worse(group.severity, n.severity);
    if (worst) group.severity = worst;
  }
  for (const g of [...groups.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    nodes.push({ ...g, label: `${g.workspace} (${g.members.length})` });
  }

  const edges = new Map<string, SubgraphEdge & { count: number }>();
  for (const e of subgraph.edges) {
    const from = owner.get(e.from);
    const to = owner.get(e.to);
    if (!from || !to || from === to) continue;
    const key = `${from}->${to}:${e.kind}`;
    const seen = edges.get(key);
    if (seen) seen.count += 1;
    else edges.set(key, { key, from, to, kind: e.kind, confidence: e.confidence, count: 1 });
  }
  return { nodes, edges: [...edges.values()] };
}

function worse(a: Severity | undefined, b: Severity | undefined): Severity | undefined {
  if (!a) return b;
  if (!b) return a;
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}
