import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { EdgeAttributes, NodeAttributes } from '../model/graph-types.js';
import type { BuiltGraph, IngestStats } from './build-graph.js';
import { createEstateGraph } from './estate-graph.js';

export const SNAPSHOT_FORMAT = 'impact-snapshot';
export const SNAPSHOT_VERSION = 1;

/** A compact, versioned, value-free snapshot of the graph: nodes and edges as arrays. */
export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  createdAt: string;
  source: string;
  stats: IngestStats;
  diagnostics: Diagnostic[];
  nodes: [string, NodeAttributes][];
  edges: [string, string, string, EdgeAttributes][];
}

export function toSnapshot(built: BuiltGraph, source: string, createdAt = new Date()): Snapshot {
  const nodes: Snapshot['nodes'] = [];
  built.graph.forEachNode((id, a) => {
    nodes.push([id, a]);
  });
  const edges: Snapshot['edges'] = [];
  built.graph.forEachEdge((key, a, s, t) => {
    edges.push([key, s, t, a]);
  });
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: createdAt.toISOString(),
    source,
    stats: built.stats,
    diagnostics: built.diagnostics,
    nodes,
    edges,
  };
}

export type LoadedSnapshot =
  | { ok: true; built: BuiltGraph; snapshot: Omit<Snapshot, 'nodes' | 'edges'> }
  | { ok: false; diagnostic: Diagnostic };

export function fromSnapshot(json: unknown, file: string): LoadedSnapshot {
  const s = json as Partial<Snapshot> | null;
  if (!s || s.format !== SNAPSHOT_FORMAT) {
    return {
      ok: false,
      diagnostic: diagnostic('error', 'snapshot.invalid', 'not an impact snapshot', { file }),
    };
  }
  if (s.version !== SNAPSHOT_VERSION) {
    return {
      ok: false,
      diagnostic: diagnostic(
        'error',
        'snapshot.version',
        `snapshot version ${String(s.version)} is not supported (expected ${SNAPSHOT_VERSION}); re-run impact ingest`,
        { file },
      ),
    };
  }
  const graph = createEstateGraph();
  try {
    for (const [id, a] of s.nodes ?? []) graph.addNode(id, a);
    for (const [key, from, to, a] of s.edges ?? []) graph.addDirectedEdgeWithKey(key, from, to, a);
  } catch (error) {
    return {
      ok: false,
      diagnostic: diagnostic(
        'error',
        'snapshot.invalid',
        `snapshot is damaged: ${(error as Error).message}`,
        { file },
      ),
    };
  }
  const { nodes: _n, edges: _e, ...meta } = s as Snapshot;
  return {
    ok: true,
    built: { graph, diagnostics: s.diagnostics ?? [], stats: s.stats as IngestStats },
    snapshot: meta,
  };
}
