import type { Impact, ImpactResult, Severity } from '../impact/result-types.js';
import { describePath } from './describe-path.js';
import { describeTruncation } from './describe-truncation.js';
import { displayName } from './display-name.js';
import { formatUtc } from './format-utc.js';
import { noticeSentence } from './notice-sentence.js';
import { reportNotes } from './report-notes.js';
import type { ReportOptions } from './report-options.js';
import { severityCounts } from './severity-counts.js';
import { textSafe } from './text-safe.js';

const COLORS: Record<Severity, string> = {
  irrecoverable: '\x1b[1;31m',
  breaks: '\x1b[31m',
  degraded: '\x1b[33m',
  info: '\x1b[2m',
};
const RESET = '\x1b[0m';

/** Terminal rendering of the canonical result: a summary line, then a tree per change. */
export function renderText(result: ImpactResult, options: ReportOptions = {}): string {
  const paint = (s: Severity, text: string) => (options.color ? `${COLORS[s]}${text}${RESET}` : text);
  const lines: string[] = [];
  const { summary } = result;
  const counts = severityCounts(summary).map(([s, n]) => paint(s, `${n} ${s}`));
  lines.push(
    `impact: ${plural(summary.changes, 'change')} in ${textSafe(result.workspace ?? 'the estate')}` +
      `${result.workspaceInferred ? ' (inferred from the plan)' : ''} → ${summary.impacted} impacted in ${plural(summary.workspaces, 'workspace')}` +
      `${counts.length ? ` (${counts.join(', ')})` : ''}; now ${formatUtc(result.now)}`,
  );
  for (const note of reportNotes(result)) lines.push(`note: ${textSafe(note)}`);
  for (const w of result.warnings) lines.push(`! ${w.code}: ${textSafe(w.message)}`);
  const byCause = new Map<string, Impact[]>();
  for (const i of result.impacts) {
    const list = byCause.get(i.causeId);
    if (list) list.push(i);
    else byCause.set(i.causeId, [i]);
  }
  for (const change of result.changes) {
    const mine = (change.id === null ? undefined : byCause.get(change.id)) ?? [];
    if ((change.action === 'update' || change.action === 'create') && mine.length === 0) continue;
    lines.push('');
    lines.push(
      `${change.action.toUpperCase()} ${textSafe(`${change.workspace}::${change.address}`)}${change.detail ? ` (${textSafe(change.detail)})` : ''}${change.id ? '' : ' [not in the estate]'}`,
    );
    if (mine.length === 0) lines.push('  no consumers impacted');
    const byWorkspace = new Map<string, Impact[]>();
    for (const i of mine) {
      const list = byWorkspace.get(i.workspace);
      if (list) list.push(i);
      else byWorkspace.set(i.workspace, [i]);
    }
    for (const [ws, impacts] of byWorkspace) {
      lines.push(`  ${textSafe(ws)}`);
      for (const i of impacts) {
        const where = i.source ? `  (${textSafe(`${i.source.file}:${i.source.line}`)})` : '';
        lines.push(`    ${paint(i.severity, i.severity.padEnd(13))} ${textSafe(displayName(i))}${where}`);
        lines.push(`      ${textSafe(i.reason)}`);
        lines.push(`      noticed: ${textSafe(noticeSentence(i))}`);
        lines.push(`      why: ${textSafe(describePath(i.path))}`);
        if (i.alsoChangedBy?.length) lines.push(`      also hit by: ${textSafe(i.alsoChangedBy.join(', '))}`);
      }
    }
  }
  if (result.truncated) lines.push(`\n… ${describeTruncation(result.truncated)}`);
  const findings = result.findings ?? [];
  if (findings.length > 0) {
    lines.push('', `FINDINGS on what the change touches (${findings.length})`);
    for (const f of findings) {
      const where = f.source ? `  (${f.source.file}:${f.source.line})` : '';
      lines.push(`  ${f.severity.padEnd(5)} ${f.rule}  ${textSafe(f.id)}${textSafe(where)}`);
      lines.push(`        ${textSafe(f.message)}`);
    }
  }
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length > 0) lines.push('');
  for (const d of shown) lines.push(textSafe(`${d.severity}: ${d.file ? `${d.file}: ` : ''}${d.message}`));
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
