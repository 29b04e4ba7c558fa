import type { EstateGraph } from './estate-graph.js';

const revisions = new WeakMap<EstateGraph, number>();
const live = new WeakSet<EstateGraph>();

/** Marks a graph that an incremental ingest keeps and patches in place. */
export function markLive(graph: EstateGraph): void {
  live.add(graph);
}

/**
 * Whether a graph may be patched in place later: whoever keeps what it holds now (a history's
 * baseline) keeps a copy, not the graph.
 */
export function isLive(graph: EstateGraph): boolean {
  return live.has(graph);
}

/**
 * How many times a graph was patched in place since it was built (0: never). An incremental
 * ingest patches the live graph instead of building another (node/live-build.ts), so whatever
 * is worked out once per graph — answers, findings, views — is kept per graph and revision.
 */
export function graphRevision(graph: EstateGraph): number {
  return revisions.get(graph) ?? 0;
}

/** Marks a graph patched: what was worked out of it before is stale. */
export function bumpRevision(graph: EstateGraph): number {
  const next = graphRevision(graph) + 1;
  revisions.set(graph, next);
  return next;
}

/**
 * A value worked out once per graph and revision: `compute` runs again after the graph was patched.
 * The per-graph caches of the server and of the history use it.
 */
export function perRevision<T>(
  cache: WeakMap<EstateGraph, { revision: number; value: T }>,
  graph: EstateGraph,
  compute: () => T,
): T {
  const revision = graphRevision(graph);
  const known = cache.get(graph);
  if (known && known.revision === revision) return known.value;
  const value = compute();
  cache.set(graph, { revision, value });
  return value;
}
