import { describe, expect, it } from 'vitest';
import { sampleImpact, sampleResult } from '../../test/sample-result.js';
import { renderGithub } from './render-github.js';
import { workflowCommand } from './workflow-command.js';

describe('workflowCommand', () => {
  it('escapes % CR LF in the message, and also : and , in properties', () => {
    expect(
      workflowCommand('error', { file: 'a,b:c%.tf', line: 3, title: 'x\ny' }, '50% done\r\nnext: a,b'),
    ).toBe('::error file=a%2Cb%3Ac%25.tf,line=3,title=x%0Ay::50%25 done%0D%0Anext: a,b');
  });

  it('leaves out empty properties', () => {
    expect(workflowCommand('notice', { file: undefined, title: '' }, 'hi')).toBe('::notice::hi');
  });
});

describe('renderGithub', () => {
  it('annotates the consumer at its .tf line, or at its state file without one', () => {
    const lines = renderGithub(
      sampleResult([
        sampleImpact(),
        sampleImpact({ id: 'b::x.y', severity: 'degraded', source: undefined, window: undefined }),
      ]),
    ).split('\n');
    expect(lines[0]).toMatch(
      /^::error file=configs\/billing\/invoices\/main.tf,line=42,title=impact irrecoverable%3A aws_cloudwatch_event_rule.monthly_invoices \(billing\/invoices\)::first notices/,
    );
    expect(lines[0]).toContain('%0ANoticed: monthly-invoices next runs 2027-01-01 03:00 UTC, 3 h after');
    expect(lines[1]).toMatch(/^::warning file=states\/billing\/invoices.tfstate,title=/);
    expect(lines[2]).toBe(
      '::notice title=impact::1 change(s) → 2 impacted in 1 workspace(s): 1 irrecoverable, 1 degraded',
    );
    expect(lines.every((l) => l === '' || l.startsWith('::'))).toBe(true);
  });
});
