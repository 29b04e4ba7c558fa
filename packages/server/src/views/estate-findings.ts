import type { EstateGraph, Finding } from '@impact/core';
import { evaluateRules } from '@impact/core/node';

const cache = new WeakMap<EstateGraph, Finding[]>();
const ORDER = { error: 0, warn: 1, info: 2 } as const;

/** The findings of a graph, computed once per graph (a re-ingest makes a new graph). */
export function estateFindings(graph: EstateGraph): Finding[] {
  let findings = cache.get(graph);
  if (!findings) {
    findings = evaluateRules(graph, { now: new Date() });
    cache.set(graph, findings);
  }
  return findings;
}

/** The worst finding about a node, as `<severity>:<rule>` (e.g. `error:zero-recovery-window`), or null. */
export function worstFinding(graph: EstateGraph, id: string): string | null {
  let worst: Finding | null = null;
  for (const f of estateFindings(graph)) {
    if (f.id === id && (worst === null || ORDER[f.severity] < ORDER[worst.severity])) worst = f;
  }
  return worst ? `${worst.severity}:${worst.rule}` : null;
}
