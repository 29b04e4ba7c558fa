import type { FindingsResult } from './findings-result.js';
import { ruleTitle } from './findings-result.js';

const COLORS = { error: '\x1b[31m', warn: '\x1b[33m', info: '\x1b[2m' } as const;

/** Terminal rendering of findings: a summary line, then findings grouped by rule. */
export function renderFindingsText(result: FindingsResult, options: { color?: boolean } = {}): string {
  const paint = (s: keyof typeof COLORS, t: string) => (options.color ? `${COLORS[s]}${t}\x1b[0m` : t);
  const { summary } = result;
  const lines = [
    `impact findings: ${summary.error} error, ${summary.warn} warn, ${summary.info} info across ${summary.rules} rules`,
  ];
  const byRule = new Map<string, FindingsResult['findings']>();
  for (const f of result.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  for (const [rule, findings] of byRule) {
    const severity = findings[0]?.severity ?? 'info';
    lines.push(
      '',
      `${paint(severity, severity.padEnd(5))} ${rule} — ${ruleTitle(rule)} (${findings.length}; docs/rules/${rule}.md)`,
    );
    for (const f of findings) {
      lines.push(`  ${f.id}${f.source ? `  (${f.source.file}:${f.source.line})` : ''}`, `    ${f.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
