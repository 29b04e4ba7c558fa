import { describe, expect, it } from 'vitest';
import { describeSchedule } from './describe-schedule.js';
import { parseScheduleExpression } from './parse-schedule-expression.js';

function describeExpression(expression: string): string {
  const schedule = parseScheduleExpression(expression);
  if (schedule.kind === 'error') throw new Error(schedule.message);
  return describeSchedule(schedule);
}

describe('describeSchedule', () => {
  it.each([
    ['cron(0 3 1 * ? *)', 'monthly on day 1 at 03:00'],
    ['cron(0 3 * * ? *)', 'daily at 03:00'],
    ['cron(0 /4 * * ? *)', 'every 4 hours'],
    ['cron(30 0/6 * * ? *)', 'every 6 hours at minute 30'],
    ['cron(0/15 * * * ? *)', 'every 15 minutes'],
    ['cron(* * * * ? *)', 'every minute'],
    ['cron(0 * * * ? *)', 'hourly'],
    ['cron(0 12 L * ? *)', 'monthly on the last day at 12:00'],
    ['cron(0 9 15W * ? *)', 'monthly on the weekday nearest day 15 at 09:00'],
    ['cron(0 8 ? * 2#1 *)', 'on the first Monday of the month at 08:00'],
    ['cron(15 10 ? * 6L 2026-2027)', 'on the last Friday of the month at 10:15 in 2026-2027'],
    ['cron(0 18 ? * MON-FRI *)', 'on weekdays at 18:00'],
    ['cron(0 8 ? * MON *)', 'every Monday at 08:00'],
    ['cron(0 /4 ? * MON-FRI *)', 'every 4 hours on weekdays'],
    ['cron(0 8,20 * * ? *)', 'daily at 08:00, 20:00'],
    ['cron(0 0 1 1,7 ? *)', 'on day 1 of Jan, Jul at 00:00'],
    ['rate(1 minute)', 'every minute'],
    ['rate(4 hours)', 'every 4 hours'],
    ['rate(7 days)', 'every 7 days'],
    ['at(2026-05-01T10:00:00)', 'once at 2026-05-01 10:00:00'],
  ])('%s -> %s', (expression, text) => {
    expect(describeExpression(expression)).toBe(text);
  });

  it('falls back to the expression when there is no short text', () => {
    expect(describeExpression('cron(7,19,41 1-5,9 ? * 2-3 *)')).toBe('cron(7,19,41 1-5,9 ? * 2-3 *)');
  });
});
