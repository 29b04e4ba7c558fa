import type { Impact, ImpactResult, NoticedBy, Severity } from '../impact/result-types.js';

export interface TextOptions {
  color?: boolean;
}

const COLORS: Record<Severity, string> = {
  irrecoverable: '\x1b[1;31m',
  breaks: '\x1b[31m',
  degraded: '\x1b[33m',
  info: '\x1b[2m',
};
const RESET = '\x1b[0m';

/** Terminal rendering of the canonical result: a summary line, then a tree per change. */
export function renderText(result: ImpactResult, options: TextOptions = {}): string {
  const paint = (s: Severity, text: string) => (options.color ? `${COLORS[s]}${text}${RESET}` : text);
  const lines: string[] = [];
  const { summary } = result;
  const counts = (['irrecoverable', 'breaks', 'degraded', 'info'] as const)
    .filter((s) => summary.bySeverity[s] > 0)
    .map((s) => paint(s, `${summary.bySeverity[s]} ${s}`));
  lines.push(
    `impact: ${summary.changes} change${summary.changes === 1 ? '' : 's'} in ${result.workspace ?? 'the estate'}` +
      `${result.workspaceInferred ? ' (inferred from the plan)' : ''} → ${summary.impacted} impacted in ${summary.workspaces} workspace${summary.workspaces === 1 ? '' : 's'}` +
      `${counts.length ? ` (${counts.join(', ')})` : ''}; now ${result.now}`,
  );
  for (const w of result.warnings) lines.push(`! ${w.code}: ${w.message}`);
  for (const change of result.changes) {
    const mine = result.impacts.filter((i) => i.cause === change.address);
    if (change.action === 'update' || change.action === 'create') {
      if (mine.length === 0) continue;
    }
    lines.push('');
    lines.push(
      `${change.action.toUpperCase()} ${change.workspace}::${change.address}${change.detail ? ` (${change.detail})` : ''}${change.id ? '' : ' [not in the estate]'}`,
    );
    if (mine.length === 0) lines.push('  no consumers impacted');
    const byWorkspace = new Map<string, Impact[]>();
    for (const i of mine) byWorkspace.set(i.workspace, [...(byWorkspace.get(i.workspace) ?? []), i]);
    for (const [ws, impacts] of byWorkspace) {
      lines.push(`  ${ws}`);
      for (const i of impacts) {
        lines.push(
          `    ${paint(i.severity, i.severity.padEnd(13))} ${i.address ?? i.label}  — noticed ${noticed(i)}`,
        );
        lines.push(`      ${i.reason}`);
        if (i.window?.missedBy)
          lines.push(`      ${i.window.missedBy} after the recovery window ends (${i.window.endsAt})`);
        lines.push(
          `      why: ${i.path.map((s) => `${s.kind}(${s.attribute}${s.confidence === 'reference' || s.confidence === 'exact' ? '' : `, ${s.confidence}`})`).join(' → ')}`,
        );
      }
    }
  }
  if (result.truncated)
    lines.push(`\n… ${result.truncated.impacts} more impacted nodes not listed (limit reached)`);
  for (const d of result.diagnostics) lines.push(`${d.severity}: ${d.file ? `${d.file}: ` : ''}${d.message}`);
  return `${lines.join('\n')}\n`;
}

export function noticed(i: Impact): string {
  return `${describeNotice(i.noticedBy)}${i.noticedAt && i.noticedBy.kind === 'schedule' ? ` at ${i.noticedAt}` : ''}`;
}

export function describeNotice(by: NoticedBy): string {
  switch (by.kind) {
    case 'schedule':
      return `${by.latest ? 'at the latest ' : ''}on the next run of ${by.scheduleId} (${by.expression}${by.timezone ? ` ${by.timezone}` : ''})`;
    case 'runtime':
      return 'at runtime (next start or invocation)';
    case 'next-apply':
      return `at the next apply of ${by.workspace}`;
    case 'same-apply':
      return `in the same apply of ${by.workspace}`;
    case 'external':
      return 'when the outside principal next uses it';
  }
}
