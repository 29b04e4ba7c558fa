import type { ImpactResult, Severity } from '../impact/result-types.js';
import { describePath } from './describe-path.js';
import { displayName } from './display-name.js';
import { noticeSentence } from './notice-sentence.js';
import { severityCounts } from './severity-counts.js';
import { workflowCommand } from './workflow-command.js';

const FINDING_LEVEL = { error: 'error', warn: 'warning', info: 'notice' } as const;

const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  irrecoverable: 'error',
  breaks: 'error',
  degraded: 'warning',
  info: 'notice',
};

/**
 * GitHub Actions annotations: one workflow command per impact, at the consumer's `.tf` line
 * when its configuration was ingested, else at its state file, else unanchored.
 */
export function renderGithub(result: ImpactResult): string {
  const lines: string[] = [];
  for (const i of result.impacts) {
    const file = i.source?.file ?? i.stateFile;
    lines.push(
      workflowCommand(
        LEVEL[i.severity],
        { file, line: i.source?.line, title: `impact ${i.severity}: ${displayName(i)} (${i.workspace})` },
        `${i.reason}.\nNoticed: ${noticeSentence(i)}.\nWhy: ${describePath(i.path)}`,
      ),
    );
  }
  for (const w of result.warnings)
    lines.push(workflowCommand('warning', { title: `impact ${w.code}` }, w.message));
  for (const f of result.findings ?? [])
    lines.push(
      workflowCommand(
        FINDING_LEVEL[f.severity],
        {
          file: f.source?.file,
          line: f.source?.line,
          title: `impact finding ${f.rule}: ${f.address ?? f.id}`,
        },
        f.message,
      ),
    );
  for (const d of result.diagnostics.filter((x) => x.severity !== 'info')) {
    lines.push(workflowCommand(d.severity === 'error' ? 'error' : 'warning', { file: d.file }, d.message));
  }
  const counts = severityCounts(result.summary).map(([s, n]) => `${n} ${s}`);
  lines.push(
    workflowCommand(
      'notice',
      { title: 'impact' },
      `${result.summary.changes} change(s) → ${result.summary.impacted} impacted in ${result.summary.workspaces} workspace(s)${counts.length ? `: ${counts.join(', ')}` : ''}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
