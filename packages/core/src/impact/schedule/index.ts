export { describeSchedule } from './describe-schedule.js';
export { isValidTimeZone } from './is-valid-time-zone.js';
export { longestGap } from './longest-gap.js';
export { nextRuns } from './next-runs.js';
export { parseScheduleExpression } from './parse-schedule-expression.js';
export type {
  AtSchedule,
  CronDaySpec,
  CronFields,
  CronRawFields,
  CronSchedule,
  ParsedSchedule,
  RateSchedule,
  RateUnit,
  ScheduledRun,
  ScheduleError,
} from './schedule-types.js';
