import { type EstateGraph, perRevision } from '@impact/core';
import type { WorkspaceView } from '../schemas/workspace-view.js';

export interface WorkspaceIndex {
  views: Map<string, WorkspaceView>;
  consumers: Map<string, Set<string>>;
  producers: Map<string, Set<string>>;
}

const cache = new WeakMap<EstateGraph, { revision: number; value: WorkspaceIndex }>();

/** Every workspace with its counts and cross-workspace neighbours, computed once per graph and revision. */
export function workspaceIndex(graph: EstateGraph): WorkspaceIndex {
  return perRevision(cache, graph, () => build(graph));
}

function build(graph: EstateGraph): WorkspaceIndex {
  const consumers = new Map<string, Set<string>>();
  const producers = new Map<string, Set<string>>();
  const resources = new Map<string, number>();
  const outputs = new Map<string, number>();
  graph.forEachNode((id, a) => {
    if (a.kind === 'workspace') {
      consumers.set(id, new Set());
      producers.set(id, new Set());
    } else if (a.kind === 'output') outputs.set(a.workspace, (outputs.get(a.workspace) ?? 0) + 1);
    else if (a.kind !== 'external') resources.set(a.workspace, (resources.get(a.workspace) ?? 0) + 1);
  });
  graph.forEachEdge((_key, _a, _from, _to, fromAttrs, toAttrs) => {
    const consumer = fromAttrs.workspace;
    const producer = toAttrs.workspace;
    if (consumer === producer || !consumers.has(consumer) || !consumers.has(producer)) return;
    consumers.get(producer)?.add(consumer);
    producers.get(consumer)?.add(producer);
  });
  const views = new Map<string, WorkspaceView>();
  for (const name of [...consumers.keys()].sort()) {
    const a = graph.getNodeAttributes(name);
    views.set(name, {
      name,
      backend: a.backend ?? null,
      ...(a.stateFile !== undefined ? { stateFile: a.stateFile } : {}),
      ...(a.configDir !== undefined ? { configDir: a.configDir } : {}),
      resources: resources.get(name) ?? 0,
      outputs: outputs.get(name) ?? 0,
      consumers: consumers.get(name)?.size ?? 0,
      producers: producers.get(name)?.size ?? 0,
    });
  }
  return { views, consumers, producers };
}
