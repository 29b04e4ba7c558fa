import { describe, expect, it } from 'vitest';
import { sampleImpact, sampleResult } from '../../test/sample-result.js';
import { mermaidLabel } from './mermaid-label.js';
import { renderMarkdown } from './render-markdown.js';

const GITHUB_LIMIT = 65_536;

function many(n: number) {
  return Array.from({ length: n }, (_, k) =>
    sampleImpact({
      id: `team-${k}/app::aws_ecs_task_definition.api_${k}`,
      workspace: `team-${k}/app`,
      address: `aws_ecs_task_definition.api_${k}`,
      severity: k % 3 === 0 ? 'breaks' : 'info',
      reason: `reads the secret through a long chain of remote states and outputs number ${k}`.repeat(3),
    }),
  );
}

describe('renderMarkdown', () => {
  it('has a summary, a table, collapsible paths and a mermaid block', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain('### ⛔ impact: 1 irrecoverable');
    expect(md).toContain(
      '1 change in `prod/ledger` (inferred from the plan) → **1 impacted** in 1 workspace.',
    );
    expect(md).toContain(
      '| ⛔ irrecoverable | `aws_cloudwatch_event_rule.monthly_invoices`<br>`configs/billing/invoices/main.tf:42` | `billing/invoices` | monthly-invoices next runs 2027-01-01 03:00 UTC, 3 h after the recovery window of prod/ledger/token ends | `aws_secretsmanager_secret.ledger_token` |',
    );
    expect(md).toContain('<details><summary>Why: the path from each consumer to the change</summary>');
    expect(md).toMatch(
      /```mermaid\nflowchart RL\n {2}n0\["prod\/ledger::aws_secretsmanager_secret.ledger_token"\]/,
    );
    expect(md).toContain('  n1 -->|arn_reference| n0');
  });

  it('says so when nothing breaks', () => {
    const md = renderMarkdown(sampleResult([]));
    expect(md).toContain('### ✅ impact: nothing in the estate breaks');
    expect(md).not.toContain('```mermaid');
  });

  it('stays under the cap with an honest count of what it left out and a pointer to the JSON', () => {
    const result = sampleResult(many(2000));
    const md = renderMarkdown(result, { jsonPath: 'impact.json' });
    expect(md.length).toBeLessThan(GITHUB_LIMIT);
    const shown = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && l.includes('aws_ecs_task_definition.api_'));
    const more = /\*\*(\d+) more\*\* impacted nodes not listed here/.exec(md);
    expect(more).not.toBeNull();
    expect(shown.length + Number(more?.[1])).toBe(2000);
    expect(md).toContain('the full result is in `impact.json`');
    expect(md).toContain('```mermaid');
    expect(md.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('respects a smaller cap', () => {
    expect(renderMarkdown(sampleResult(many(50)), { maxChars: 8000 }).length).toBeLessThanOrEqual(8000);
  });

  it('keeps table cells and code spans intact for ids with | and backticks', () => {
    const md = renderMarkdown(
      sampleResult([
        sampleImpact({ address: 'aws_x.a["p|q`r"]', id: 'w::aws_x.a["p|q`r"]', source: undefined }),
      ]),
    );
    expect(md).toContain('| ``aws_x.a["p\\|q`r"]`` |');
  });
});

describe('mermaidLabel', () => {
  it('entity-encodes what would end or reinterpret a quoted label', () => {
    expect(mermaidLabel('ws/a::module.m["k"].aws_x.y[0]')).toBe(
      'ws/a::module.m#91;#34;k#34;#93;.aws_x.y#91;0#93;',
    );
    expect(mermaidLabel('a#b<c>&`d`{e}|f\ng')).toBe('a#35;b#60;c#62;#38;#96;d#96;#123;e#125;#124;f g');
  });
});
