import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Consumer, type EstateGraph, type Finding, graphRevision } from '@impact/core';
import { consumersOf, evaluateRules, secretIds } from '@impact/core/node';

/** A secret's consumers outside its own workspace: how many, and in how many workspaces. */
export interface OutsideConsumers {
  consumers: number;
  consumerWorkspaces: number;
}

export interface Analysis {
  /** The revision of the graph it was worked out of, whole: never parts of two revisions. */
  revision: number;
  findings: Finding[];
  outside: Map<string, OutsideConsumers>;
}

/** A graph's analysis: running (no revision yet), or done at a revision of the graph. */
interface Kept {
  analysis: Promise<Analysis>;
  revision?: number;
}

const analyses = new WeakMap<EstateGraph, Kept>();
/** The longest the analysis holds the event loop before letting requests through. */
const SLICE_MS = 20;

/**
 * The findings of a graph, and the consumer counts of its secrets, worked out together once per
 * graph and revision: both walk each secret's blast radius. On the 1M estate that is ~15 s of
 * work, so it runs in slices of {@link SLICE_MS} between which the server answers other
 * requests; those that need it wait for it. Started after each ingest (see startServer). One
 * still running is joined even when the graph was patched since: it starts again by itself.
 */
export function estateAnalysis(graph: EstateGraph): Promise<Analysis> {
  const kept = analyses.get(graph);
  if (kept && (kept.revision === undefined || kept.revision === graphRevision(graph))) return kept.analysis;
  const fresh: Kept = {
    analysis: analyse(graph).then(
      (done) => {
        fresh.revision = done.revision;
        return done;
      },
      // Failed: tried again once the graph is patched, not for every request until then.
      (error: unknown) => {
        fresh.revision = graphRevision(graph);
        throw error;
      },
    ),
  };
  analyses.set(graph, fresh);
  return fresh.analysis;
}

/**
 * Passes over the graph until one runs whole at one revision: a patch between two slices (an
 * incremental ingest) voids the pass under way, and the next one reads the new content.
 */
async function analyse(graph: EstateGraph): Promise<Analysis> {
  for (;;) {
    const revision = graphRevision(graph);
    const consumers = await secretConsumers(graph, revision);
    if (!consumers) continue;
    // From here on nothing yields: the rules read the graph at the same revision.
    const findings = evaluateRules(graph, { now: new Date(), consumers });
    const outside = new Map<string, OutsideConsumers>();
    for (const [id, list] of consumers) outside.set(id, countOutside(graph, id, list));
    return { revision, findings, outside };
  }
}

/** Every secret's consumers, in slices; null when the graph left `revision` between two. */
async function secretConsumers(
  graph: EstateGraph,
  revision: number,
): Promise<Map<string, Consumer[]> | null> {
  const consumers = new Map<string, Consumer[]>();
  let slice = performance.now();
  for (const id of secretIds(graph)) {
    consumers.set(id, consumersOf(graph, id));
    if (performance.now() - slice > SLICE_MS) {
      await nextTurn();
      if (graphRevision(graph) !== revision) return null;
      slice = performance.now();
    }
  }
  return consumers;
}

export async function estateFindings(graph: EstateGraph): Promise<Finding[]> {
  return (await estateAnalysis(graph)).findings;
}

/**
 * `read` with the analysis of the graph as it is now. `read` is synchronous, so the graph cannot
 * change under it; a patch while the analysis was awaited means waiting for the new one.
 */
export async function withAnalysis<T>(graph: EstateGraph, read: (analysis: Analysis) => T): Promise<T> {
  for (;;) {
    const analysis = await estateAnalysis(graph);
    if (analysis.revision === graphRevision(graph)) return read(analysis);
  }
}

/** A secret's consumers outside its workspace (the same consumers the findings count). */
export function consumersOutside(graph: EstateGraph, analysis: Analysis, id: string): OutsideConsumers {
  return analysis.outside.get(id) ?? countOutside(graph, id, consumersOf(graph, id));
}

function countOutside(graph: EstateGraph, id: string, consumers: readonly Consumer[]): OutsideConsumers {
  const own = graph.getNodeAttribute(id, 'workspace');
  const outside = consumers.filter((c) => c.workspace !== own);
  return { consumers: outside.length, consumerWorkspaces: new Set(outside.map((c) => c.workspace)).size };
}

/** Each analysis's worst finding per node: an analysis is of one revision, so is this. */
const worstById = new WeakMap<Analysis, Map<string, string>>();

/** The worst finding about a node, as `<severity>:<rule>` (e.g. `error:zero-recovery-window`), or null. */
export function worstFinding(analysis: Analysis, id: string): string | null {
  let worst = worstById.get(analysis);
  if (!worst) {
    // Findings come sorted worst first (then by rule): a node's first is its worst. One pass per
    // analysis, not one per secret (a million-resource estate has tens of thousands of each).
    worst = new Map();
    for (const f of analysis.findings) if (!worst.has(f.id)) worst.set(f.id, `${f.severity}:${f.rule}`);
    worstById.set(analysis, worst);
  }
  return worst.get(id) ?? null;
}
