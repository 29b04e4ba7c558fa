import { describe, expect, it } from 'vitest';
import { sampleImpact, sampleResult } from '../../test/sample-result.js';
import { renderText } from './render-text.js';

describe('renderText', () => {
  it('writes a summary line first, then the change, the consumer, when and why', () => {
    const text = renderText(sampleResult());
    expect(text.split('\n')).toEqual([
      'impact: 1 change in prod/ledger (inferred from the plan) → 1 impacted in 1 workspace (1 irrecoverable); now 2026-12-02 00:00 UTC',
      '',
      'DELETE prod/ledger::aws_secretsmanager_secret.ledger_token',
      '  billing/invoices',
      '    irrecoverable aws_cloudwatch_event_rule.monthly_invoices  (configs/billing/invoices/main.tf:42)',
      '      first notices after the 30-day recovery window of prod/ledger/token has closed',
      '      noticed: monthly-invoices next runs 2027-01-01 03:00 UTC, 3 h after the recovery window of prod/ledger/token ends',
      '      why: billing/invoices::aws_cloudwatch_event_rule.monthly_invoices —arn_reference(input)→ prod/ledger::aws_secretsmanager_secret.ledger_token',
      '',
    ]);
  });

  it('colours severities only when asked', () => {
    expect(renderText(sampleResult())).not.toContain('\x1b[');
    expect(renderText(sampleResult(), { color: true })).toContain('\x1b[1;31mirrecoverable');
  });

  it('escapes control characters a for_each key can carry into a CI log or a terminal', () => {
    const key = 'aws_lambda_function.f["x\n::error file=main.tf::forged\x1b[2J"]';
    const result = sampleResult([
      sampleImpact({ address: key, label: key, path: [], reason: `breaks ${key}` }),
    ]);
    result.diagnostics.push({ severity: 'warning', code: 'x', file: 'a\rb.tf', message: `odd ${key}` });
    const text = renderText(result);
    for (const c of ['\r', '\x1b']) expect(text).not.toContain(c);
    expect(text.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
    expect(text).toContain('aws_lambda_function.f["x\\n::error file=main.tf::forged\\x1b[2J"]');
    expect(text).toContain('warning: a\\rb.tf: odd aws_lambda_function.f["x\\n::error');
  });
});
