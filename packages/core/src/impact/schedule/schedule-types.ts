/**
 * AWS schedule expressions, as used by EventBridge rules (`aws_cloudwatch_event_rule.schedule_expression`,
 * always UTC) and EventBridge Scheduler (`aws_scheduler_schedule.schedule_expression` together with
 * `schedule_expression_timezone`).
 */

/** Day selection of a cron expression: exactly one of Day-of-month / Day-of-week is set, the other is `?`. */
export type CronDaySpec =
  | {
      kind: 'day-of-month';
      /** Plain days of the month (1-31); a day the month does not have never fires. */
      days: readonly number[];
      /** `L` is offset 0, `L-3` is offset 3: the day that many days before the last day of the month. */
      lastDayOffsets: readonly number[];
      /** `15W`: the weekday (Mon-Fri) nearest to that day, never leaving the month. */
      nearestWeekdays: readonly number[];
      /** `LW`: the last weekday (Mon-Fri) of the month. */
      lastWeekday: boolean;
    }
  | {
      kind: 'day-of-week';
      /** AWS numbering: 1 = SUN ... 7 = SAT. */
      weekdays: readonly number[];
      /** `2#1`: the first Monday of the month. */
      nthWeekdays: readonly { weekday: number; nth: number }[];
      /** `6L`: the last Friday of the month. */
      lastWeekdays: readonly number[];
    };

/** The six fields of a cron expression as written, after whitespace normalisation. */
export interface CronRawFields {
  minutes: string;
  hours: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

export interface CronFields {
  /** Sorted, unique, 0-59. */
  minutes: readonly number[];
  /** Sorted, unique, 0-23. */
  hours: readonly number[];
  /** Sorted, unique, 1-12. */
  months: readonly number[];
  /** Sorted, unique, 1970-2199 (every year when the field is `*`). */
  years: readonly number[];
  day: CronDaySpec;
  raw: CronRawFields;
}

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  fields: CronFields;
}

export type RateUnit = 'minutes' | 'hours' | 'days';

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  /** Interval in milliseconds. */
  everyMs: number;
  value: number;
  unit: RateUnit;
}

export interface AtSchedule {
  kind: 'at';
  expression: string;
  /** Local wall-clock time `yyyy-mm-ddThh:mm:ss`, read in the schedule's time zone (UTC when none). */
  at: string;
}

export type ParsedSchedule = CronSchedule | RateSchedule | AtSchedule;

export interface ScheduleError {
  kind: 'error';
  expression: string;
  message: string;
}

/**
 * One upcoming run. `latest` is true when the time is only an upper bound: a `rate()` schedule has no
 * anchor in Terraform or state, so its n-th next run happens at the latest n intervals after "now".
 */
export interface ScheduledRun {
  at: Date;
  latest: boolean;
}
