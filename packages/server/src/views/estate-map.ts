import { type EstateGraph, type Finding, perRevision } from '@impact/core';
import type { EstateMap, MapLink, MapWorkspace } from '../schemas/estate-map.js';
import { withAnalysis } from './estate-findings.js';

const cache = new WeakMap<EstateGraph, { revision: number; value: Promise<EstateMap> }>();
const RANK = { error: 0, warn: 1, info: 2 } as const;

/**
 * The estate at workspace level: each workspace with its worst finding, and each consumer →
 * producer pair of workspaces with how many edges run between their nodes. Once per graph and
 * revision; it waits for the findings, which the server works out in the background after each
 * ingest, and reads the graph only then, at their revision.
 */
export function estateMap(graph: EstateGraph): Promise<EstateMap> {
  return perRevision(cache, graph, () => withAnalysis(graph, ({ findings }) => build(graph, findings)));
}

/** Synchronous: the graph is read at the revision of `findings`. */
function build(graph: EstateGraph, findings: readonly Finding[]): EstateMap {
  const workspaces = new Map<string, MapWorkspace>();
  graph.forEachNode((id, a) => {
    if (a.kind === 'workspace')
      workspaces.set(id, {
        name: id,
        resources: 0,
        secrets: 0,
        findings: { error: 0, warn: 0, info: 0 },
        worst: null,
      });
  });
  graph.forEachNode((_id, a) => {
    const w = workspaces.get(a.workspace);
    if (!w || a.kind === 'workspace' || a.kind === 'output' || a.kind === 'external') return;
    w.resources++;
    if (a.secret && a.kind === 'resource') w.secrets++;
  });
  const links = new Map<string, MapLink>();
  graph.forEachEdge((_key, a, _from, _to, fromAttrs, toAttrs) => {
    const from = fromAttrs.workspace;
    const to = toAttrs.workspace;
    if (from === to || !workspaces.has(from) || !workspaces.has(to)) return;
    const key = `${from}\u0000${to}`;
    let link = links.get(key);
    if (!link) {
      link = { from, to, count: 0, kinds: {} };
      links.set(key, link);
    }
    link.count++;
    link.kinds[a.kind] = (link.kinds[a.kind] ?? 0) + 1;
  });
  for (const f of findings) {
    const w = workspaces.get(f.workspace);
    if (!w) continue;
    w.findings[f.severity]++;
    if (w.worst === null || RANK[f.severity] < RANK[w.worst]) w.worst = f.severity;
  }
  return {
    workspaces: [...workspaces.values()].sort((x, y) => x.name.localeCompare(y.name)),
    links: [...links.values()].sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to)),
  };
}
