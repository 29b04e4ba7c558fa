import { describe, expect, it } from 'vitest';
import { nextRuns } from './next-runs.js';
import { parseScheduleExpression } from './parse-schedule-expression.js';
import type { ParsedSchedule } from './schedule-types.js';

function parsed(expression: string): ParsedSchedule {
  const schedule = parseScheduleExpression(expression);
  if (schedule.kind === 'error') throw new Error(schedule.message);
  return schedule;
}

function runs(expression: string, after: string, count: number, timezone?: string): string[] {
  return nextRuns(parsed(expression), new Date(after), count, timezone).map((run) => run.at.toISOString());
}

describe('nextRuns: cron (UTC)', () => {
  it('monthly on day 1 crosses the year', () => {
    expect(runs('cron(0 3 1 * ? *)', '2026-12-02T00:00:00Z', 2)).toEqual([
      '2027-01-01T03:00:00.000Z',
      '2027-02-01T03:00:00.000Z',
    ]);
  });

  it('is strictly after `after`, even when `after` is a run', () => {
    expect(runs('cron(0 3 1 * ? *)', '2027-01-01T03:00:00Z', 1)).toEqual(['2027-02-01T03:00:00.000Z']);
    expect(runs('cron(0 3 1 * ? *)', '2027-01-01T02:59:59.999Z', 1)).toEqual(['2027-01-01T03:00:00.000Z']);
  });

  it('every 4 hours, written with a bare step', () => {
    expect(runs('cron(0 /4 * * ? *)', '2026-03-10T21:30:00Z', 3)).toEqual([
      '2026-03-11T00:00:00.000Z',
      '2026-03-11T04:00:00.000Z',
      '2026-03-11T08:00:00.000Z',
    ]);
  });

  it('last Friday of the month, within a year range that ends', () => {
    expect(runs('cron(15 10 ? * 6L 2026-2027)', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-30T10:15:00.000Z',
      '2026-02-27T10:15:00.000Z',
      '2026-03-27T10:15:00.000Z',
    ]);
    expect(runs('cron(15 10 ? * 6L 2026-2027)', '2027-12-01T00:00:00Z', 5)).toEqual([
      '2027-12-31T10:15:00.000Z',
    ]);
    expect(runs('cron(15 10 ? * 6L 2026-2027)', '2027-12-31T10:15:00Z', 5)).toEqual([]);
  });

  it('last Friday on the 25th of a 31-day month', () => {
    expect(runs('cron(0 0 ? * FRIL *)', '2026-12-01T00:00:00Z', 1)).toEqual(['2026-12-25T00:00:00.000Z']);
  });

  it('last day of the month, leap years included', () => {
    expect(runs('cron(0 12 L * ? *)', '2028-01-31T12:00:00Z', 3)).toEqual([
      '2028-02-29T12:00:00.000Z',
      '2028-03-31T12:00:00.000Z',
      '2028-04-30T12:00:00.000Z',
    ]);
    expect(runs('cron(0 12 L-2 2 ? *)', '2027-01-01T00:00:00Z', 2)).toEqual([
      '2027-02-26T12:00:00.000Z',
      '2028-02-27T12:00:00.000Z',
    ]);
  });

  it('nearest weekday to the 15th', () => {
    // 2026-08-15 is a Saturday -> Friday 14th; 2026-11-15 is a Sunday -> Monday 16th.
    expect(runs('cron(0 9 15W * ? *)', '2026-08-01T00:00:00Z', 4)).toEqual([
      '2026-08-14T09:00:00.000Z',
      '2026-09-15T09:00:00.000Z',
      '2026-10-15T09:00:00.000Z',
      '2026-11-16T09:00:00.000Z',
    ]);
    // 1W never leaves the month: 2026-08-01 is a Saturday -> Monday 3rd.
    expect(runs('cron(0 9 1W 8 ? *)', '2026-07-01T00:00:00Z', 1)).toEqual(['2026-08-03T09:00:00.000Z']);
    // LW: 2026-05-31 is a Sunday -> Friday 29th.
    expect(runs('cron(0 9 LW 5 ? *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-05-29T09:00:00.000Z']);
  });

  it('first Monday of the month', () => {
    expect(runs('cron(0 8 ? * 2#1 *)', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-05T08:00:00.000Z',
      '2026-02-02T08:00:00.000Z',
      '2026-03-02T08:00:00.000Z',
    ]);
  });

  it('weekdays only, skipping the weekend', () => {
    // 2026-03-13 is a Friday.
    expect(runs('cron(0 18 ? * MON-FRI *)', '2026-03-13T18:00:00Z', 3)).toEqual([
      '2026-03-16T18:00:00.000Z',
      '2026-03-17T18:00:00.000Z',
      '2026-03-18T18:00:00.000Z',
    ]);
  });

  it('a day the month never has fires nowhere and ends cleanly', () => {
    expect(runs('cron(0 0 30 2 ? *)', '2026-01-01T00:00:00Z', 3)).toEqual([]);
    expect(runs('cron(0 0 31 * ? *)', '2026-04-01T00:00:00Z', 2)).toEqual([
      '2026-05-31T00:00:00.000Z',
      '2026-07-31T00:00:00.000Z',
    ]);
  });

  it('returns nothing for a non-positive count', () => {
    expect(runs('cron(0 3 1 * ? *)', '2026-01-01T00:00:00Z', 0)).toEqual([]);
  });

  it('marks cron runs as exact', () => {
    const [run] = nextRuns(parsed('cron(0 3 1 * ? *)'), new Date('2026-01-01T00:00:00Z'), 1);
    expect(run?.latest).toBe(false);
  });
});

describe('nextRuns: time zones', () => {
  it('follows Europe/London across both DST changes', () => {
    // Clocks go forward 2026-03-29 01:00 GMT: 01:30 local does not exist that day, so it is skipped.
    expect(runs('cron(30 1 * * ? *)', '2026-03-27T12:00:00Z', 3, 'Europe/London')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
    // Clocks go back 2026-10-25 02:00 BST: 01:30 local happens twice and runs once, at the first.
    expect(runs('cron(30 1 * * ? *)', '2026-10-23T12:00:00Z', 3, 'Europe/London')).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('reads day fields in the zone, not in UTC', () => {
    // 00:30 on the 1st in Sydney (UTC+11 in January) is still the previous day in UTC.
    expect(runs('cron(30 0 1 * ? *)', '2026-01-01T00:00:00Z', 1, 'Australia/Sydney')).toEqual([
      '2026-01-31T13:30:00.000Z',
    ]);
  });

  it('treats UTC aliases as UTC', () => {
    expect(runs('cron(0 3 1 * ? *)', '2026-12-02T00:00:00Z', 1, 'UTC')).toEqual(['2027-01-01T03:00:00.000Z']);
  });

  it('throws a clear RangeError for an unknown zone', () => {
    expect(() => runs('cron(0 3 1 * ? *)', '2026-12-02T00:00:00Z', 1, 'Mars/Olympus')).toThrow(
      "unknown time zone 'Mars/Olympus'",
    );
  });
});

describe('nextRuns: rate and at', () => {
  it('gives upper bounds for a rate, which has no anchor', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    expect(nextRuns(parsed('rate(7 days)'), after, 2)).toEqual([
      { at: new Date('2026-01-08T00:00:00Z'), latest: true },
      { at: new Date('2026-01-15T00:00:00Z'), latest: true },
    ]);
    expect(nextRuns(parsed('rate(1 minute)'), after, 1)).toEqual([
      { at: new Date('2026-01-01T00:01:00Z'), latest: true },
    ]);
  });

  it('runs a one-time schedule once, in its zone', () => {
    const schedule = parsed('at(2026-05-01T10:00:00)');
    expect(nextRuns(schedule, new Date('2026-01-01T00:00:00Z'), 3)).toEqual([
      { at: new Date('2026-05-01T10:00:00Z'), latest: false },
    ]);
    expect(nextRuns(schedule, new Date('2026-01-01T00:00:00Z'), 3, 'America/New_York')).toEqual([
      { at: new Date('2026-05-01T14:00:00Z'), latest: false },
    ]);
    expect(nextRuns(schedule, new Date('2026-05-01T10:00:00Z'), 3)).toEqual([]);
  });
});
