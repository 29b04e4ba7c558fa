import { RULES } from '../../rules/registry.js';
import type { Finding } from '../../rules/rule-types.js';
import { VERSION } from '../../version.js';

/** The canonical, versioned result of `impact findings`; every findings format renders it. */
export interface FindingsResult {
  formatVersion: '1.0';
  tool: { name: 'impact'; version: string };
  now: string;
  summary: { error: number; warn: number; info: number; rules: number };
  findings: Finding[];
}

export function findingsResult(findings: Finding[], now: Date): FindingsResult {
  const summary = { error: 0, warn: 0, info: 0, rules: new Set(findings.map((f) => f.rule)).size };
  for (const f of findings) summary[f.severity]++;
  return {
    formatVersion: '1.0',
    tool: { name: 'impact', version: VERSION },
    now: now.toISOString(),
    summary,
    findings,
  };
}

export function ruleTitle(id: string): string {
  return RULES.find((r) => r.id === id)?.title ?? id;
}
