import { describe, expect, it } from 'vitest';
import { longestGap } from './longest-gap.js';
import { parseScheduleExpression } from './parse-schedule-expression.js';
import type { ParsedSchedule } from './schedule-types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function parsed(expression: string): ParsedSchedule {
  const schedule = parseScheduleExpression(expression);
  if (schedule.kind === 'error') throw new Error(schedule.message);
  return schedule;
}

const from = new Date('2026-01-15T00:00:00Z');

describe('longestGap', () => {
  it('is 31 days for a monthly job', () => {
    expect(longestGap(parsed('cron(0 3 1 * ? *)'), from)).toBe(31 * DAY);
    expect(longestGap(parsed('cron(0 12 L * ? *)'), from)).toBe(31 * DAY);
  });

  it('sees February inside a short horizon', () => {
    // Runs 2026-02-01 and 2026-03-01 (the first run past the horizon still counts): 28 days.
    expect(longestGap(parsed('cron(0 3 1 * ? *)'), from, 20)).toBe(28 * DAY);
  });

  it('is the weekend for weekday jobs and a week for weekly ones', () => {
    expect(longestGap(parsed('cron(0 18 ? * MON-FRI *)'), from)).toBe(3 * DAY);
    expect(longestGap(parsed('cron(0 8 ? * MON *)'), from)).toBe(7 * DAY);
    expect(longestGap(parsed('cron(0 8 ? * 2#1 *)'), from)).toBe(35 * DAY);
  });

  it('is the step for intraday schedules', () => {
    expect(longestGap(parsed('cron(0 /4 * * ? *)'), from)).toBe(4 * HOUR);
    expect(longestGap(parsed('cron(0 0/5 * * ? *)'), from)).toBe(5 * HOUR); // 0,5,...,20: 20:00 -> 00:00 is 4
    expect(longestGap(parsed('cron(* * * * ? *)'), from)).toBe(60_000);
  });

  it('spans the horizon end for a yearly job', () => {
    expect(longestGap(parsed('cron(0 0 1 1 ? *)'), from)).toBe(365 * DAY);
  });

  it('includes the hour lost to DST in a zone', () => {
    expect(longestGap(parsed('cron(0 12 * * ? *)'), from, 400, 'Europe/London')).toBe(DAY + HOUR);
    // 01:30 does not exist on the spring-forward day, so that run is skipped.
    expect(longestGap(parsed('cron(30 1 * * ? *)'), from, 400, 'Europe/London')).toBe(2 * DAY - HOUR);
  });

  it('is the interval for a rate', () => {
    expect(longestGap(parsed('rate(7 days)'), from)).toBe(7 * DAY);
    expect(longestGap(parsed('rate(15 minutes)'), from)).toBe(15 * 60_000);
  });

  it('is Infinity when the schedule does not recur', () => {
    expect(longestGap(parsed('at(2026-05-01T10:00:00)'), from)).toBe(Number.POSITIVE_INFINITY);
    expect(longestGap(parsed('cron(0 0 1 1 ? 2026-2027)'), new Date('2027-01-01T00:00:00Z'))).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(longestGap(parsed('cron(0 0 30 2 ? *)'), from)).toBe(Number.POSITIVE_INFINITY);
  });
});
