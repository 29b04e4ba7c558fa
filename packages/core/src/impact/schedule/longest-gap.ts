import { assertTimeZone } from './assert-time-zone.js';
import { forEachCronRun } from './for-each-cron-run.js';
import type { ParsedSchedule } from './schedule-types.js';

const DAY_MS = 86_400_000;

/**
 * The longest real gap (ms) between consecutive runs after `from`, looking `horizonDays` ahead; the first
 * run past the horizon is included, so a gap straddling the horizon's end still counts (a yearly job gives
 * 365 or 366 days). A monthly job on day 1 gives 31 days; `rate(7 days)` gives 7 days.
 * `Infinity` when the schedule has fewer than two runs from there on (a one-time `at()`, an ended year
 * range): it never recurs. Throws a RangeError for an unknown time zone.
 */
export function longestGap(
  schedule: ParsedSchedule,
  from: Date,
  horizonDays = 400,
  timezone?: string,
): number {
  assertTimeZone(timezone);
  switch (schedule.kind) {
    case 'rate':
      return schedule.everyMs;
    case 'at':
      return Number.POSITIVE_INFINITY;
    case 'cron': {
      const horizonEndMs = from.getTime() + Math.max(0, horizonDays) * DAY_MS;
      let previous: number | undefined;
      let longest = Number.POSITIVE_INFINITY;
      let found = false;
      forEachCronRun(schedule.fields, from.getTime(), timezone, (runMs) => {
        if (previous !== undefined) {
          const gap = runMs - previous;
          longest = found ? Math.max(longest, gap) : gap;
          found = true;
        }
        previous = runMs;
        return runMs <= horizonEndMs;
      });
      return longest;
    }
  }
}
