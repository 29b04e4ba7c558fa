import { assertTimeZone } from './assert-time-zone.js';
import { atInstantMs } from './at-instant-ms.js';
import { forEachCronRun } from './for-each-cron-run.js';
import type { ParsedSchedule, ScheduledRun } from './schedule-types.js';

/**
 * The next `count` runs strictly after `after` (UTC instants). Cron fields and `at()` times are read in
 * `timezone` (EventBridge Scheduler's `schedule_expression_timezone`; UTC when absent, as for EventBridge
 * rules). A `rate()` has no anchor, so its runs are upper bounds (`latest: true`): `after + n * interval`.
 * Fewer than `count` runs come back when the schedule ends (year range, one-time `at()`).
 * Throws a RangeError for an unknown time zone (check with `isValidTimeZone`).
 */
export function nextRuns(
  schedule: ParsedSchedule,
  after: Date,
  count: number,
  timezone?: string,
): ScheduledRun[] {
  assertTimeZone(timezone);
  const afterMs = after.getTime();
  const runs: ScheduledRun[] = [];
  if (!(count >= 1) || Number.isNaN(afterMs)) return runs;
  switch (schedule.kind) {
    case 'rate':
      for (let n = 1; n <= count; n += 1) {
        runs.push({ at: new Date(afterMs + n * schedule.everyMs), latest: true });
      }
      return runs;
    case 'at': {
      const atMs = atInstantMs(schedule.at, timezone);
      if (atMs > afterMs) runs.push({ at: new Date(atMs), latest: false });
      return runs;
    }
    case 'cron':
      forEachCronRun(schedule.fields, afterMs, timezone, (runMs) => {
        runs.push({ at: new Date(runMs), latest: false });
        return runs.length < count;
      });
      return runs;
  }
}
