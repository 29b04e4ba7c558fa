import { describe, expect, it } from 'vitest';
import { sampleImpact } from '../../test/sample-result.js';
import { noticeSentence } from './notice-sentence.js';

describe('noticeSentence', () => {
  it('says by how much a scheduled consumer misses the recovery window', () => {
    expect(noticeSentence(sampleImpact())).toBe(
      'monthly-invoices next runs 2027-01-01 03:00 UTC, 3 h after the recovery window of prod/ledger/token ends',
    );
  });

  it('says how much margin a runtime consumer has, and when an unscheduled apply must happen by', () => {
    const runtime = sampleImpact({
      severity: 'breaks',
      noticedBy: { kind: 'runtime' },
      noticedAt: '2026-12-02T00:00:00.000Z',
      window: { endsAt: '2027-01-01T00:00:00.000Z', marginBefore: '30 d' },
    });
    expect(noticeSentence(runtime)).toBe(
      'at its next start or invocation, 30 d before the recovery window of prod/ledger/token ends',
    );
    const apply = sampleImpact({
      severity: 'breaks',
      noticedBy: { kind: 'next-apply', workspace: 'billing/invoices' },
      noticedAt: null,
      window: { endsAt: '2027-01-01T00:00:00.000Z' },
    });
    expect(noticeSentence(apply)).toBe(
      'at the next apply of billing/invoices (the recovery window of prod/ledger/token ends 2027-01-01 00:00 UTC)',
    );
  });

  it('says "at the latest" for a rate() schedule, which has no anchor', () => {
    const rate = sampleImpact({
      noticedBy: {
        kind: 'schedule',
        scheduleId: 'a::aws_scheduler_schedule.sync',
        expression: 'rate(7 days)',
        latest: true,
      },
      noticedAt: '2026-12-09T00:00:00.000Z',
      window: undefined,
    });
    expect(noticeSentence(rate)).toBe('sync runs at the latest by 2026-12-09 00:00 UTC (rate(7 days))');
  });
});
