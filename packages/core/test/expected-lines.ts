import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ImpactResult } from '../src/impact/result-types.js';

// Set IMPACT_UPDATE_EXPECTED=1 to rewrite expected/*.txt from a real run; then read the diff.
const UPDATE = process.env.IMPACT_UPDATE_EXPECTED === '1';

/** Impacts as sorted, diff-readable lines. */
export function impactLines(result: ImpactResult): string {
  const changes = result.changes.map(
    (c) => `change ${c.action} ${c.workspace}::${c.address}${c.detail ? ` (${c.detail})` : ''}`,
  );
  const impacts = result.impacts.map(
    (i) =>
      `${i.severity.padEnd(13)} ${i.id} noticed=${i.noticedBy.kind}${i.noticedAt ? `@${i.noticedAt}` : ''}${i.window?.missedBy ? ` missed-by=${i.window.missedBy}` : ''} via=${i.path.map((s) => `${s.kind}:${s.confidence}`).join('>')}`,
  );
  const warnings = result.warnings.map((w) => `warning ${w.code} ${w.address ?? ''}`);
  const findings = (result.findings ?? []).map((f) => `finding ${f.rule} ${f.id}`);
  return `${[...changes, ...warnings, ...impacts.sort(), ...findings.sort()].join('\n')}\n`;
}

/** Compares with `<dir>/<name>.txt`, or writes it under IMPACT_UPDATE_EXPECTED=1. */
export function expectMatches(dir: string, name: string, actual: string): void {
  const file = join(dir, `${name}.txt`);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`missing ${file}; run with IMPACT_UPDATE_EXPECTED=1 and review it`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
