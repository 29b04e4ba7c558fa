import type { Impact, ImpactResult, Severity } from '../impact/result-types.js';
import { describePath } from './describe-path.js';
import { describeTruncation } from './describe-truncation.js';
import { displayName } from './display-name.js';
import { formatUtc } from './format-utc.js';
import { markdownCode } from './markdown-code.js';
import { markdownEscape } from './markdown-escape.js';
import { noticeSentence } from './notice-sentence.js';
import { renderMermaid } from './render-mermaid.js';
import { reportNotes } from './report-notes.js';
import type { ReportOptions } from './report-options.js';
import { severityCounts } from './severity-counts.js';

/** GitHub refuses comments of 65,536 characters or more; stay clear of it with room to spare. */
const MARKDOWN_MAX_CHARS = 60_000;
/** A diagram with more nodes than this is unreadable (and slow) in a PR. */
const MERMAID_MAX_IMPACTS = 40;
const ICON: Record<Severity, string> = { irrecoverable: '⛔', breaks: '🔴', degraded: '🟠', info: 'ℹ️' };
/** Marks the comment so a CI step can find and update its own sticky comment. */
const MARKDOWN_MARKER = '<!-- impact-report -->';
const FINDINGS_LISTED = 30;
const RULE_DOCS = 'https://github.com/impact/impact/blob/main/docs/rules/';

/**
 * The PR comment: summary line, a table of impacted consumers, collapsible details with the
 * paths and a Mermaid diagram of the blast radius. When the whole result does not fit under
 * the cap, the most severe impacts are listed and the rest counted, with a pointer to the JSON.
 */
export function renderMarkdown(result: ImpactResult, options: ReportOptions = {}): string {
  const max = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const all = render(result, result.impacts.length, options);
  if (all.length <= max) return all;
  let lo = 0;
  let hi = result.impacts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(result, mid, options).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return render(result, lo, options);
}

function render(result: ImpactResult, shown: number, options: ReportOptions): string {
  const impacts = result.impacts.slice(0, shown);
  const hidden = result.impacts.length - shown;
  const out: string[] = [MARKDOWN_MARKER, `### ${headline(result)}`, '', summaryLine(result), ''];
  for (const note of reportNotes(result)) out.push('> [!NOTE]', `> ${markdownEscape(note)}`, '');
  for (const w of result.warnings) out.push(`> [!WARNING]`, `> ${markdownEscape(w.message)}`, '');
  const changes = result.changes.filter((c) => !(c.action === 'update' || c.action === 'create'));
  if (changes.length > 0) {
    out.push('**Changes**', '');
    for (const c of changes) {
      const detail = c.detail ? ` — ${markdownEscape(c.detail)}` : '';
      out.push(`- **${c.action}** ${markdownCode(`${c.workspace}::${c.address}`)}${detail}`);
    }
    out.push('');
  }
  const serious = impacts.filter((i) => i.severity !== 'info');
  const info = impacts.filter((i) => i.severity === 'info');
  if (serious.length > 0) out.push(...table(serious), '');
  if (info.length > 0) {
    out.push(
      `<details><summary>${info.length} informational (pass the change on, dangling grants, same apply)</summary>`,
      '',
      ...table(info),
      '',
      '</details>',
      '',
    );
  }
  if (hidden > 0) out.push(more(hidden, options), '');
  if (result.truncated) out.push(`> ${describeTruncation(result.truncated, '**')}`, '');
  if (impacts.length > 0) {
    out.push(`<details><summary>Why: the path from each consumer to the change</summary>`, '');
    for (const i of impacts) out.push(...details(i));
    out.push('</details>', '');
    // The diagram shows what needs acting on; informational nodes only when nothing else is hit.
    const drawn = (serious.length > 0 ? serious : info).slice(0, MERMAID_MAX_IMPACTS);
    const left = impacts.length - drawn.length;
    out.push(
      `<details open><summary>Blast radius${left > 0 ? ` (${drawn.length} drawn; ${left} more in the tables)` : ''}</summary>`,
      '',
      '```mermaid',
      renderMermaid(result.changes, drawn),
      '```',
      '',
      '</details>',
      '',
    );
  }
  const findings = result.findings ?? [];
  if (findings.length > 0) {
    // Findings are fewer than impacts and short; past a screenful they are counted, not listed.
    const listed = findings.slice(0, FINDINGS_LISTED);
    out.push(
      `<details${findings.some((f) => f.severity === 'error') ? ' open' : ''}><summary>${findings.length} finding(s) on what this change touches</summary>`,
      '',
      '| | Rule | Resource | Finding |',
      '| --- | --- | --- | --- |',
      ...listed.map(
        (f) =>
          `| ${f.severity} | [${markdownEscape(f.rule)}](${RULE_DOCS}${f.rule}.md) | ${markdownCode(f.id)} | ${markdownEscape(f.message)} |`,
      ),
      ...(findings.length > listed.length
        ? ['', `…and ${findings.length - listed.length} more in the JSON report`]
        : []),
      '',
      '</details>',
      '',
    );
  }
  const problems = result.diagnostics.filter((d) => d.severity !== 'info');
  for (const d of problems)
    out.push(`- ${d.severity}: ${d.file ? `${markdownCode(d.file)}: ` : ''}${markdownEscape(d.message)}`);
  if (problems.length > 0) out.push('');
  out.push(
    `<sub>impact ${markdownEscape(result.tool.version)} · result format ${result.formatVersion} · now ${formatUtc(result.now)}</sub>`,
  );
  return `${out.join('\n')}\n`;
}

function headline(result: ImpactResult): string {
  const worst = result.summary.worst;
  if (!worst) return '✅ impact: nothing in the estate breaks';
  const counts = severityCounts(result.summary).map(([s, n]) => `${n} ${s}`);
  return `${ICON[worst]} impact: ${counts.join(', ')}`;
}

function summaryLine(result: ImpactResult): string {
  const { summary } = result;
  const where = result.workspace
    ? `in ${markdownCode(result.workspace)}${result.workspaceInferred ? ' (inferred from the plan)' : ''}`
    : '';
  return `${summary.changes} change${summary.changes === 1 ? '' : 's'} ${where} → **${summary.impacted} impacted** in ${summary.workspaces} workspace${summary.workspaces === 1 ? '' : 's'}.`;
}

function table(impacts: readonly Impact[]): string[] {
  return [
    '| | Consumer | Workspace | Noticed | Caused by |',
    '| --- | --- | --- | --- | --- |',
    ...impacts.map(row),
  ];
}

function row(i: Impact): string {
  const also = i.alsoChangedBy?.length ? ` (also ${i.alsoChangedBy.map(markdownCode).join(', ')})` : '';
  const where = i.source ? `<br>${markdownCode(`${i.source.file}:${i.source.line}`)}` : '';
  return `| ${ICON[i.severity]} ${i.severity} | ${markdownCode(displayName(i))}${where} | ${markdownCode(i.workspace)} | ${markdownEscape(noticeSentence(i))} | ${markdownCode(i.cause)}${also} |`;
}

function details(i: Impact): string[] {
  return [
    `**${markdownCode(i.id)}** — ${i.severity}: ${markdownEscape(i.reason)}.`,
    '',
    `- noticed: ${markdownEscape(noticeSentence(i))}${i.noticedBy.kind === 'schedule' ? ` (${markdownCode(i.noticedBy.expression)})` : ''}`,
    `- why: ${markdownCode(describePath(i.path))}`,
    ...(i.otherPaths?.length ? [`- ${i.otherPaths.length} other path(s) of the same length`] : []),
    '',
  ];
}

function more(hidden: number, options: ReportOptions): string {
  const json = options.jsonPath
    ? `the full result is in ${markdownCode(options.jsonPath)}`
    : 'run `impact --format json` for the full result';
  return `> **${hidden} more** impacted node${hidden === 1 ? '' : 's'} not listed here (the comment is size-capped); ${json}.`;
}
