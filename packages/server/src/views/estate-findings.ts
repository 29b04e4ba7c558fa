import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Consumer, EstateGraph, Finding } from '@impact/core';
import { consumersOf, evaluateRules, secretIds } from '@impact/core/node';

/** A secret's consumers outside its own workspace: how many, and in how many workspaces. */
export interface OutsideConsumers {
  consumers: number;
  consumerWorkspaces: number;
}

interface Analysis {
  findings: Finding[];
  outside: Map<string, OutsideConsumers>;
}

const analyses = new WeakMap<EstateGraph, Promise<Analysis>>();
/** The longest the analysis holds the event loop before letting requests through. */
const SLICE_MS = 20;

/**
 * The findings of a graph, and the consumer counts of its secrets, worked out together once per
 * graph (a re-ingest makes a new graph): both walk each secret's blast radius. On the 1M estate
 * that is ~15 s of work, so it runs in slices of {@link SLICE_MS} between which the server answers
 * other requests; those that need it wait for it. Started after each ingest (see startServer).
 */
export function estateAnalysis(graph: EstateGraph): Promise<Analysis> {
  let known = analyses.get(graph);
  if (!known) {
    known = analyse(graph);
    analyses.set(graph, known);
  }
  return known;
}

async function analyse(graph: EstateGraph): Promise<Analysis> {
  const consumers = new Map<string, Consumer[]>();
  let slice = performance.now();
  for (const id of secretIds(graph)) {
    consumers.set(id, consumersOf(graph, id));
    if (performance.now() - slice > SLICE_MS) {
      await nextTurn();
      slice = performance.now();
    }
  }
  // The rules find every secret's consumers already worked out.
  const findings = evaluateRules(graph, { now: new Date(), consumers });
  const outside = new Map<string, OutsideConsumers>();
  for (const [id, list] of consumers) outside.set(id, countOutside(graph, id, list));
  return { findings, outside };
}

export async function estateFindings(graph: EstateGraph): Promise<Finding[]> {
  return (await estateAnalysis(graph)).findings;
}

/** A secret's consumers outside its workspace (the same consumers the findings count). */
export async function consumersOutside(graph: EstateGraph, id: string): Promise<OutsideConsumers> {
  return (await estateAnalysis(graph)).outside.get(id) ?? countOutside(graph, id, consumersOf(graph, id));
}

function countOutside(graph: EstateGraph, id: string, consumers: readonly Consumer[]): OutsideConsumers {
  const own = graph.getNodeAttribute(id, 'workspace');
  const outside = consumers.filter((c) => c.workspace !== own);
  return { consumers: outside.length, consumerWorkspaces: new Set(outside.map((c) => c.workspace)).size };
}

const worstById = new WeakMap<EstateGraph, Map<string, string>>();

/** The worst finding about a node, as `<severity>:<rule>` (e.g. `error:zero-recovery-window`), or null. */
export async function worstFinding(graph: EstateGraph, id: string): Promise<string | null> {
  let worst = worstById.get(graph);
  if (!worst) {
    // Findings come sorted worst first (then by rule): a node's first is its worst. One pass per
    // graph, not one per secret (a million-resource estate has tens of thousands of each).
    const found = new Map<string, string>();
    for (const f of await estateFindings(graph))
      if (!found.has(f.id)) found.set(f.id, `${f.severity}:${f.rule}`);
    worstById.set(graph, found);
    worst = found;
  }
  return worst.get(id) ?? null;
}
