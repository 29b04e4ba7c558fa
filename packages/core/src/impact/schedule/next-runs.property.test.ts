import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRuns } from './next-runs.js';
import { parseScheduleExpression } from './parse-schedule-expression.js';
import type { CronFields } from './schedule-types.js';

const MINUTE = 60_000;
const ZONES = [undefined, 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'] as const;

/** Independent reading of a UTC instant as wall-clock parts in a zone. */
function localParts(instant: Date, timezone: string | undefined) {
  if (timezone === undefined) {
    return {
      year: instant.getUTCFullYear(),
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
      second: instant.getUTCSeconds(),
    };
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone ?? 'UTC',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Brute-force oracle for the day fields, written differently from the implementation. */
function dayMatches(fields: CronFields, year: number, month: number, day: number): boolean {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekdayOf = (d: number): number => new Date(Date.UTC(year, month - 1, d)).getUTCDay() + 1;
  const isWorkday = (d: number): boolean => weekdayOf(d) >= 2 && weekdayOf(d) <= 6;
  const nearestWorkday = (target: number): number => {
    let best = 0;
    for (let d = 1; d <= lastDay; d += 1) {
      if (isWorkday(d) && (best === 0 || Math.abs(d - target) < Math.abs(best - target))) best = d;
    }
    return best;
  };
  const spec = fields.day;
  if (spec.kind === 'day-of-month') {
    return (
      spec.days.includes(day) ||
      spec.lastDayOffsets.some((offset) => lastDay - offset === day) ||
      (spec.lastWeekday && nearestWorkday(lastDay) === day) ||
      spec.nearestWeekdays.some((target) => target <= lastDay && nearestWorkday(target) === day)
    );
  }
  const weekday = weekdayOf(day);
  let occurrence = 0;
  for (let d = 1; d <= day; d += 1) if (weekdayOf(d) === weekday) occurrence += 1;
  const isLast = day + 7 > lastDay;
  return (
    spec.weekdays.includes(weekday) ||
    (isLast && spec.lastWeekdays.includes(weekday)) ||
    spec.nthWeekdays.some((entry) => entry.weekday === weekday && entry.nth === occurrence)
  );
}

function matches(fields: CronFields, instant: Date, timezone: string | undefined): boolean {
  const local = localParts(instant, timezone);
  return (
    local.second === 0 &&
    fields.minutes.includes(local.minute) &&
    fields.hours.includes(local.hour) &&
    fields.months.includes(local.month) &&
    fields.years.includes(local.year) &&
    dayMatches(fields, local.year, local.month, local.day)
  );
}

const int = (min: number, max: number) => fc.integer({ min, max });

function numericField(min: number, max: number) {
  return fc.oneof(
    fc.constant('*'),
    int(min, max).map(String),
    fc.uniqueArray(int(min, max), { minLength: 2, maxLength: 4 }).map((values) => values.join(',')),
    fc.tuple(int(min, max), int(min, max)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(int(min, max), int(1, max - min + 1)).map(([a, step]) => `${a}/${step}`),
    int(1, max - min + 1).map((step) => `*/${step}`),
    int(1, max - min + 1).map((step) => `/${step}`),
  );
}

const dayOfMonth = fc.oneof(
  fc.constant('*'),
  int(1, 31).map(String),
  fc.constant('L'),
  int(1, 5).map((n) => `L-${n}`),
  fc.constant('LW'),
  int(1, 31).map((n) => `${n}W`),
  fc.uniqueArray(int(1, 31), { minLength: 2, maxLength: 4 }).map((values) => values.join(',')),
  fc.tuple(int(1, 31), int(1, 31)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
);

const dayOfWeek = fc.oneof(
  fc.constant('*'),
  int(1, 7).map(String),
  fc.constantFrom('MON-FRI', 'SAT,SUN', 'TUE', 'FRI-MON'),
  int(1, 7).map((n) => `${n}L`),
  fc.tuple(int(1, 7), int(1, 5)).map(([weekday, nth]) => `${weekday}#${nth}`),
  fc.uniqueArray(int(1, 7), { minLength: 2, maxLength: 3 }).map((values) => values.join(',')),
);

const year = fc.oneof(
  fc.constant('*'),
  fc.tuple(int(2024, 2032), int(0, 3)).map(([start, length]) => `${start}-${start + length}`),
);

const cronExpression = fc
  .tuple(
    numericField(0, 59),
    numericField(0, 23),
    fc.oneof(
      dayOfMonth.map((dom) => [dom, '?'] as const),
      dayOfWeek.map((dow) => ['?', dow] as const),
    ),
    fc.oneof(numericField(1, 12), fc.constantFrom('JAN', 'FEB-APR', 'NOV-FEB', 'JUN,DEC')),
    year,
  )
  .map(
    ([minutes, hours, [dom, dow], month, years]) =>
      `cron(${minutes} ${hours} ${dom} ${month} ${dow} ${years})`,
  );

describe('nextRuns property', () => {
  it('runs strictly increase, start after `after` and match the fields', () => {
    fc.assert(
      fc.property(
        cronExpression,
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2031-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        (expression, after, timezone) => {
          const schedule = parseScheduleExpression(expression);
          if (schedule.kind !== 'cron') throw new Error(`${expression}: ${JSON.stringify(schedule)}`);
          const runs = nextRuns(schedule, after, 12, timezone).map((run) => run.at);
          let previous = after.getTime();
          for (const run of runs) {
            expect(run.getTime()).toBeGreaterThan(previous);
            expect(matches(schedule.fields, run, timezone)).toBe(true);
            previous = run.getTime();
          }
          // Nothing skipped (UTC, where every wall-clock minute exists once): brute-force the first
          // stretch minute by minute, up to the first run or three days.
          if (timezone === undefined) {
            const start = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
            const end = Math.min(runs[0]?.getTime() ?? Number.POSITIVE_INFINITY, start + 3 * 1440 * MINUTE);
            for (let t = start; t < end; t += MINUTE) {
              expect(matches(schedule.fields, new Date(t), undefined)).toBe(false);
            }
            // No matching day skipped between the runs: every matching date strictly between the date of
            // `after` and the date of the last run must have a run (scanned day by day, up to 400 days).
            const last = runs.at(-1);
            if (last !== undefined) {
              const runDates = new Set(runs.map((run) => run.toISOString().slice(0, 10)));
              const firstDay = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
              const lastDay = Math.min(last.getTime(), firstDay + 400 * 1440 * MINUTE);
              for (let t = firstDay + 1440 * MINUTE; t < lastDay - 1440 * MINUTE; t += 1440 * MINUTE) {
                const date = new Date(t);
                const local = localParts(date, undefined);
                const expected =
                  schedule.fields.months.includes(local.month) &&
                  schedule.fields.years.includes(local.year) &&
                  dayMatches(schedule.fields, local.year, local.month, local.day);
                expect(runDates.has(date.toISOString().slice(0, 10))).toBe(expected);
              }
            }
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
