import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { EdgeAttributes, NodeAttributes } from '../model/graph-types.js';
import type { BuiltGraph, IngestStats } from './build-graph.js';
import { createEstateGraph } from './estate-graph.js';

export const SNAPSHOT_FORMAT = 'impact-snapshot';
/**
 * Versions 1 (one document) and 2 (streamed) were written before names were scoped to their
 * account and region: their edges link across accounts, so they are refused, to be re-ingested.
 */
export const SNAPSHOT_VERSION = 3;

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

/** What a loaded snapshot says of itself. */
export interface SnapshotMeta {
  version: number;
  createdAt: string;
  source: string;
}

export type LoadedSnapshot =
  | { ok: true; built: BuiltGraph; snapshot: SnapshotMeta }
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
  return {
    ok: true,
    built: { graph, diagnostics: s.diagnostics ?? [], stats: s.stats as IngestStats },
    snapshot: { version: SNAPSHOT_VERSION, createdAt: s.createdAt ?? '', source: s.source ?? file },
  };
}

/** Streaming snapshot (version 4; see {@link SNAPSHOT_VERSION}): NDJSON, one header line, then a line per node and per edge. */
export const STREAM_SNAPSHOT_VERSION = 4;

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof STREAM_SNAPSHOT_VERSION;
  createdAt: string;
  source: string;
  stats: IngestStats;
  diagnostics: Diagnostic[];
}

/**
 * The graph as NDJSON lines. One JSON string for the whole graph cannot exceed V8's string
 * limit (~512 MB, about a million resources); lines can be written and read as a stream.
 */
export function* snapshotLines(built: BuiltGraph, source: string, createdAt = new Date()): Generator<string> {
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: STREAM_SNAPSHOT_VERSION,
    createdAt: createdAt.toISOString(),
    source,
    stats: built.stats,
    diagnostics: built.diagnostics,
  };
  yield JSON.stringify(header);
  for (const { node, attributes } of built.graph.nodeEntries()) yield JSON.stringify(['n', node, attributes]);
  for (const { edge, source: from, target, attributes } of built.graph.edgeEntries()) {
    yield JSON.stringify(['e', edge, from, target, attributes]);
  }
}

/** Rebuilds a graph from snapshot lines; a damaged line is reported with its number. */
export async function fromSnapshotLines(
  lines: AsyncIterable<string> | Iterable<string>,
  file: string,
): Promise<LoadedSnapshot> {
  const graph = createEstateGraph();
  let header: SnapshotHeader | null = null;
  let n = 0;
  const fail = (message: string): LoadedSnapshot => ({
    ok: false,
    diagnostic: diagnostic('error', 'snapshot.invalid', message, { file }),
  });
  for await (const line of lines) {
    n++;
    if (line === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return fail(
        `snapshot line ${n} is not JSON (the file looks truncated or damaged); re-run impact ingest`,
      );
    }
    if (header === null) {
      const h = row as Partial<SnapshotHeader>;
      if (h?.format !== SNAPSHOT_FORMAT) return fail('not an impact snapshot');
      if (h.version !== STREAM_SNAPSHOT_VERSION) {
        return fail(`snapshot version ${String(h.version)} is not supported here; re-run impact ingest`);
      }
      header = h as SnapshotHeader;
      continue;
    }
    try {
      const r = row as unknown[];
      if (r[0] === 'n') graph.addNode(r[1] as string, r[2] as NodeAttributes);
      else if (r[0] === 'e')
        graph.addDirectedEdgeWithKey(r[1] as string, r[2] as string, r[3] as string, r[4] as EdgeAttributes);
      else return fail(`snapshot line ${n} is neither a node nor an edge`);
    } catch (error) {
      return fail(`snapshot line ${n} is damaged: ${(error as Error).message}`);
    }
  }
  if (header === null) return fail('the snapshot is empty');
  const { diagnostics, stats } = header;
  return {
    ok: true,
    built: { graph, diagnostics, stats },
    snapshot: { version: header.version, createdAt: header.createdAt, source: header.source },
  };
}
