import { cronDayMatches } from './cron-day-matches.js';
import { daysInMonth } from './days-in-month.js';
import { localToUtc } from './local-to-utc.js';
import type { CronFields } from './schedule-types.js';
import { zoneOffsetMinutes } from './zone-offset-minutes.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Calls `visit` with each run of a cron schedule (UTC epoch ms, strictly increasing) strictly after
 * `afterMs`, until `visit` returns false or the schedule ends (last allowed year, at most 2199).
 *
 * Fields are read as wall-clock time in `timezone` (UTC when none). Following EventBridge Scheduler, a
 * local time skipped when clocks go forward does not run, and a local time repeated when clocks go back
 * runs once (at its first occurrence). Walks day by day, skipping whole years and months that cannot
 * match, then expands the day's hours x minutes: never a minute-by-minute scan.
 */
export function forEachCronRun(
  fields: CronFields,
  afterMs: number,
  timezone: string | undefined,
  visit: (runMs: number) => boolean,
): void {
  const lastYear = fields.years[fields.years.length - 1];
  if (lastYear === undefined) return;
  const yearSet = new Set(fields.years);
  const monthSet = new Set(fields.months);
  const minutesOfDay: number[] = [];
  for (const hour of fields.hours) {
    for (const minute of fields.minutes) minutesOfDay.push(hour * 60 + minute);
  }

  const startLocal = new Date(afterMs + zoneOffsetMinutes(timezone, afterMs) * MINUTE_MS);
  let year = startLocal.getUTCFullYear();
  let month = startLocal.getUTCMonth() + 1;
  let day = startLocal.getUTCDate();
  let lastEmitted = afterMs;

  while (year <= lastYear) {
    if (!yearSet.has(year)) {
      const nextYear = fields.years.find((candidate) => candidate > year);
      if (nextYear === undefined) return;
      year = nextYear;
      month = 1;
      day = 1;
      continue;
    }
    if (!monthSet.has(month)) {
      const nextMonth = fields.months.find((candidate) => candidate > month);
      if (nextMonth === undefined) {
        year += 1;
        month = 1;
      } else {
        month = nextMonth;
      }
      day = 1;
      continue;
    }
    if (day > daysInMonth(year, month)) {
      month += 1;
      day = 1;
      if (month > 12) {
        year += 1;
        month = 1;
      }
      continue;
    }
    if (cronDayMatches(fields.day, year, month, day)) {
      const dayStartLocal = Date.UTC(year, month - 1, day);
      // Offsets bracketing the whole local day: equal means no clock change that day (fast path).
      const offsetBefore = zoneOffsetMinutes(timezone, dayStartLocal - 14 * HOUR_MS);
      const offsetAfter = zoneOffsetMinutes(timezone, dayStartLocal + DAY_MS + 12 * HOUR_MS);
      for (const minuteOfDay of minutesOfDay) {
        const localMs = dayStartLocal + minuteOfDay * MINUTE_MS;
        let runMs: number;
        if (offsetBefore === offsetAfter) {
          runMs = localMs - offsetBefore * MINUTE_MS;
        } else {
          const resolved = localToUtc(localMs, timezone);
          if (resolved.kind === 'gap') continue;
          runMs = resolved.instantMs;
        }
        if (runMs <= lastEmitted) continue;
        lastEmitted = runMs;
        if (!visit(runMs)) return;
      }
    }
    day += 1;
  }
}
