import { markdownCode } from '../markdown-code.js';
import type { FindingsResult } from './findings-result.js';
import { ruleTitle } from './findings-result.js';

const ICON = { error: '⛔', warn: '⚠️', info: 'ℹ️' } as const;
const CAP = 60_000;

/** Markdown (PR comment or job summary): one table, size-capped with an honest count of what was cut. */
export function renderFindingsMarkdown(result: FindingsResult): string {
  const { summary } = result;
  const head = [
    `### impact findings: ${summary.error} error, ${summary.warn} warn, ${summary.info} info`,
    '',
    '| | Rule | Resource | Finding |',
    '| --- | --- | --- | --- |',
  ];
  const rows: string[] = [];
  let size = head.join('\n').length;
  let cut = 0;
  for (const f of result.findings) {
    const row = `| ${ICON[f.severity]} ${f.severity} | [\`${f.rule}\`](docs/rules/${f.rule}.md) — ${ruleTitle(f.rule)} | ${markdownCode(f.id)}${f.source ? `<br>${markdownCode(`${f.source.file}:${f.source.line}`)}` : ''} | ${f.message.replace(/\|/g, '\\|')} |`;
    if (size + row.length > CAP) {
      cut++;
      continue;
    }
    size += row.length + 1;
    rows.push(row);
  }
  const tail =
    cut > 0 ? ['', `… and ${cut} more findings; run \`impact findings --format json\` for all of them.`] : [];
  return `${[...head, ...rows, ...tail].join('\n')}\n`;
}
