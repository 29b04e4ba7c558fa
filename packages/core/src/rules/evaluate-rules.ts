import type { EstateGraph } from '../graph/estate-graph.js';
import { consumersOf } from './consumers.js';
import { RULES } from './registry.js';
import type { Consumer, Finding, RuleContext, RuleLevel } from './rule-types.js';

export interface EvaluateOptions {
  now: Date;
  /** Per-rule level overrides (`--rule id=off|warn|error`). */
  levels?: Record<string, RuleLevel>;
  /** Only findings about these nodes (a plan's touched resources): rules skip the rest of the estate. */
  focus?: ReadonlySet<string>;
  /**
   * Where each secret's consumers are kept once worked out (a fresh map when absent): a caller
   * that also shows consumer counts passes one and reads it after, instead of walking every
   * secret's blast radius again.
   */
  consumers?: Map<string, Consumer[]>;
}

/** Runs every rule over the graph; findings sorted by severity, rule, node. */
export function evaluateRules(graph: EstateGraph, options: EvaluateOptions): Finding[] {
  const cache = options.consumers ?? new Map<string, Consumer[]>();
  const ctx: RuleContext = {
    graph,
    now: options.now,
    ...(options.focus ? { focus: options.focus } : {}),
    consumersOf(id) {
      let hit = cache.get(id);
      if (!hit) {
        hit = consumersOf(graph, id);
        cache.set(id, hit);
      }
      return hit;
    },
  };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const level = options.levels?.[rule.id] ?? rule.level;
    if (level === 'off') continue;
    for (const raw of rule.check(ctx)) {
      if (options.focus && !options.focus.has(raw.id)) continue;
      const a = graph.getNodeAttributes(raw.id);
      findings.push({
        rule: rule.id,
        severity: level,
        workspace: a.workspace,
        address: a.address,
        ...raw,
        ...(a.source ? { source: a.source } : {}),
      });
    }
  }
  const order = { error: 0, warn: 1, info: 2 };
  return findings.sort(
    (x, y) =>
      order[x.severity] - order[y.severity] || x.rule.localeCompare(y.rule) || x.id.localeCompare(y.id),
  );
}

export function unknownRules(levels: Record<string, RuleLevel>): string[] {
  return Object.keys(levels).filter((id) => !RULES.some((r) => r.id === id));
}
