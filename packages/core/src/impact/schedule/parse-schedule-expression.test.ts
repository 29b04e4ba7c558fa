import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from './parse-schedule-expression.js';
import type { CronSchedule, ParsedSchedule, ScheduleError } from './schedule-types.js';

function cron(expression: string): CronSchedule {
  const parsed = parseScheduleExpression(expression);
  if (parsed.kind !== 'cron') throw new Error(`expected cron, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function errorOf(expression: string): string {
  const parsed: ParsedSchedule | ScheduleError = parseScheduleExpression(expression);
  if (parsed.kind !== 'error') throw new Error(`expected an error for ${expression}`);
  expect(parsed.expression).toBe(expression);
  return parsed.message;
}

describe('parseScheduleExpression: cron', () => {
  it('reads plain fields', () => {
    const { fields } = cron('cron(0 3 1 * ? *)');
    expect(fields.minutes).toEqual([0]);
    expect(fields.hours).toEqual([3]);
    expect(fields.months).toHaveLength(12);
    expect(fields.years[0]).toBe(1970);
    expect(fields.years.at(-1)).toBe(2199);
    expect(fields.day).toEqual({
      kind: 'day-of-month',
      days: [1],
      lastDayOffsets: [],
      nearestWeekdays: [],
      lastWeekday: false,
    });
    expect(fields.raw).toEqual({
      minutes: '0',
      hours: '3',
      dayOfMonth: '1',
      month: '*',
      dayOfWeek: '?',
      year: '*',
    });
  });

  it('reads a step without a start as starting at the field minimum', () => {
    expect(cron('cron(0 /4 * * ? *)').fields.hours).toEqual([0, 4, 8, 12, 16, 20]);
    expect(cron('cron(0/15 * * * ? *)').fields.minutes).toEqual([0, 15, 30, 45]);
    expect(cron('cron(5/20 * * * ? *)').fields.minutes).toEqual([5, 25, 45]);
    expect(cron('cron(*/30 * * * ? *)').fields.minutes).toEqual([0, 30]);
    expect(cron('cron(0 8-18/5 * * ? *)').fields.hours).toEqual([8, 13, 18]);
  });

  it('reads lists, ranges, wrapping ranges and names', () => {
    const { fields } = cron('cron(0,30 22-2 ? JAN,jul-AUG MON-FRI 2026-2027)');
    expect(fields.minutes).toEqual([0, 30]);
    expect(fields.hours).toEqual([0, 1, 2, 22, 23]);
    expect(fields.months).toEqual([1, 7, 8]);
    expect(fields.years).toEqual([2026, 2027]);
    expect(fields.day).toEqual({
      kind: 'day-of-week',
      weekdays: [2, 3, 4, 5, 6],
      nthWeekdays: [],
      lastWeekdays: [],
    });
    expect(cron('cron(0 0 ? * FRI-MON *)').fields.day).toMatchObject({ weekdays: [1, 2, 6, 7] });
  });

  it('reads L, L-n, LW, W, nL and #', () => {
    expect(cron('cron(0 12 L * ? *)').fields.day).toMatchObject({
      kind: 'day-of-month',
      lastDayOffsets: [0],
    });
    expect(cron('cron(0 12 L-3 * ? *)').fields.day).toMatchObject({ lastDayOffsets: [3] });
    expect(cron('cron(0 12 LW * ? *)').fields.day).toMatchObject({ lastWeekday: true });
    expect(cron('cron(0 9 15W * ? *)').fields.day).toMatchObject({ nearestWeekdays: [15], days: [] });
    expect(cron('cron(15 10 ? * 6L 2026-2027)').fields.day).toEqual({
      kind: 'day-of-week',
      weekdays: [],
      nthWeekdays: [],
      lastWeekdays: [6],
    });
    expect(cron('cron(0 8 ? * 2#1 *)').fields.day).toMatchObject({ nthWeekdays: [{ weekday: 2, nth: 1 }] });
    expect(cron('cron(0 8 ? * MON#3 *)').fields.day).toMatchObject({ nthWeekdays: [{ weekday: 2, nth: 3 }] });
    expect(cron('cron(0 8 ? * L *)').fields.day).toMatchObject({ weekdays: [7] });
  });

  it('tolerates extra whitespace', () => {
    expect(cron('  cron( 0  3 1 * ? * )  ').fields.hours).toEqual([3]);
  });

  it.each([
    ['cron(0 3 1 *)', 'needs 6 fields'],
    ['cron(0 3 1 * ? * *)', 'got 7'],
    ['cron(0 3 * * * *)', "use '?' in one of them"],
    ['cron(0 3 1 * MON *)', "use '?' in one of them"],
    ['cron(0 3 ? * ? *)', "can't both be '?'"],
    ['cron(60 3 1 * ? *)', 'Minutes value 60 is out of range 0-59'],
    ['cron(0 24 1 * ? *)', 'Hours value 24 is out of range 0-23'],
    ['cron(0 3 0 * ? *)', 'Day-of-month value 0 is out of range 1-31'],
    ['cron(0 3 32 * ? *)', 'Day-of-month value 32'],
    ['cron(0 3 1 13 ? *)', 'Month value 13'],
    ['cron(0 3 ? * 0 *)', 'Day-of-week value 0 is out of range 1-7'],
    ['cron(0 3 ? * 8 *)', 'Day-of-week value 8'],
    ['cron(0 3 1 * ? 1969)', 'Year value 1969 is out of range 1970-2199'],
    ['cron(0 3 1 * ? 2200)', 'Year value 2200'],
    ['cron(0 3 1 * ? 2030-2020)', 'runs backwards'],
    ['cron(0 3 1 FOO ? *)', "Month value 'FOO' is not valid"],
    ['cron(0 3 ? * FUNDAY *)', "Day-of-week value 'FUNDAY'"],
    ['cron(0 3 1,,2 * ? *)', 'empty list item'],
    ['cron(0/0 3 1 * ? *)', 'Minutes step 0'],
    ['cron(0/61 3 1 * ? *)', 'Minutes step 61'],
    ['cron(0/x 3 1 * ? *)', 'is not a number'],
    ['cron(0 ? 1 * ? *)', "'?' is only allowed"],
    ['cron(0 3 32W * ? *)', '32W'],
    ['cron(0 3 5L * ? *)', "Day-of-month value '5L'"],
    ['cron(0 3 ? * 2#6 *)', 'occurrence'],
    ['cron(0 3 ? * 9L *)', 'Day-of-week value 9'],
    ['cron()', 'got 0'],
    ['cron(a b c d ? f)', "Minutes value 'a'"],
  ])('rejects %s', (expression, fragment) => {
    expect(errorOf(expression)).toContain(fragment);
  });
});

describe('parseScheduleExpression: rate', () => {
  it.each([
    ['rate(1 minute)', 1, 'minutes', 60_000],
    ['rate(5 minutes)', 5, 'minutes', 300_000],
    ['rate(1 hour)', 1, 'hours', 3_600_000],
    ['rate(12 hours)', 12, 'hours', 43_200_000],
    ['rate(1 day)', 1, 'days', 86_400_000],
    ['rate(7 days)', 7, 'days', 604_800_000],
  ])('reads %s', (expression, value, unit, everyMs) => {
    expect(parseScheduleExpression(expression)).toEqual({ kind: 'rate', expression, value, unit, everyMs });
  });

  it.each([
    ['rate(1 days)', "singular unit: 'rate(1 day)'"],
    ['rate(1 minutes)', "'rate(1 minute)'"],
    ['rate(5 minute)', "plural unit: 'rate(5 minutes)'"],
    ['rate(0 minutes)', 'positive whole number'],
    ['rate(-1 minutes)', 'positive whole number'],
    ['rate(1.5 hours)', 'positive whole number'],
    ['rate(2 weeks)', "rate unit 'weeks'"],
    ['rate(5)', 'rate(value unit)'],
    ['rate()', 'rate(value unit)'],
  ])('rejects %s', (expression, fragment) => {
    expect(errorOf(expression)).toContain(fragment);
  });
});

describe('parseScheduleExpression: at and garbage', () => {
  it('reads a one-time schedule', () => {
    expect(parseScheduleExpression('at(2026-05-01T10:00:00)')).toEqual({
      kind: 'at',
      expression: 'at(2026-05-01T10:00:00)',
      at: '2026-05-01T10:00:00',
    });
  });

  it.each([
    ['at(2026-02-30T00:00:00)', 'does not exist'],
    ['at(2026-13-01T00:00:00)', 'month 13'],
    ['at(2026-05-01T24:00:00)', 'hour 24'],
    ['at(2026-05-01 10:00:00)', 'yyyy-mm-ddThh:mm:ss'],
    ['at(2026-05-01T10:00)', 'yyyy-mm-ddThh:mm:ss'],
    ['', "must be 'cron(...)'"],
    ['garbage', "must be 'cron(...)'"],
    ['every(5 minutes)', "unknown schedule type 'every'"],
    ['cron(0 3 1 * ? *', "must be 'cron(...)'"],
  ])('rejects %j', (expression, fragment) => {
    expect(errorOf(expression)).toContain(fragment);
  });

  it('never throws on non-string input', () => {
    expect(parseScheduleExpression(undefined as unknown as string).kind).toBe('error');
  });
});
