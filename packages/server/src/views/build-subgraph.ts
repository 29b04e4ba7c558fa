import type { EstateGraph, ImpactResult, PathStep } from '@impact/core';
import type { Subgraph } from '../schemas/subgraph.js';

/**
 * The part of the graph an impact answer covers: its changed nodes, every listed impacted node,
 * the nodes on their paths, and the edges of those paths.
 */
export function buildSubgraph(graph: EstateGraph, result: ImpactResult): Subgraph {
  const nodes = new Map<string, Subgraph['nodes'][number]>();
  const base = (id: string) => {
    const a = graph.getNodeAttributes(id);
    return { id, label: a.label, kind: a.kind, workspace: a.workspace, ...(a.type ? { type: a.type } : {}) };
  };
  for (const change of result.changes) {
    if (change.id !== null && graph.hasNode(change.id))
      nodes.set(change.id, { ...base(change.id), distance: 0 });
  }
  for (const impact of result.impacts) {
    if (!nodes.has(impact.id) && graph.hasNode(impact.id))
      nodes.set(impact.id, { ...base(impact.id), distance: impact.distance, severity: impact.severity });
  }
  // A listed impact's path may run through impacts the list left out: draw them, unjudged, so
  // every listed consumer stays connected to its change.
  for (const impact of result.impacts) {
    for (const path of [impact.path, ...(impact.otherPaths ?? [])]) {
      path.forEach((step, k) => {
        if (!nodes.has(step.to) && graph.hasNode(step.to))
          nodes.set(step.to, { ...base(step.to), distance: Math.max(1, impact.distance - k - 1) });
      });
    }
  }
  const edges = new Map<string, Subgraph['edges'][number]>();
  const addStep = (step: PathStep) => {
    if (!nodes.has(step.from) || !nodes.has(step.to)) return;
    const key = edgeKey(graph, step);
    if (!edges.has(key))
      edges.set(key, { key, from: step.from, to: step.to, kind: step.kind, confidence: step.confidence });
  };
  for (const impact of result.impacts) {
    for (const step of impact.path) addStep(step);
    for (const path of impact.otherPaths ?? []) for (const step of path) addStep(step);
  }
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated: result.truncated?.impacts ?? 0,
  };
}

function edgeKey(graph: EstateGraph, step: PathStep): string {
  const found = graph.findEdge(step.from, step.to, (_key, a) => a.kind === step.kind);
  return found ?? `${step.from}->${step.to}#${step.kind}`;
}
