import { daysInMonth } from './days-in-month.js';
import type { CronDaySpec } from './schedule-types.js';

/** AWS weekday of a calendar date: 1 = SUN ... 7 = SAT. */
function awsWeekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday (Mon-Fri) nearest to `target` without leaving the month, as `15W` means. */
function nearestWeekday(year: number, month: number, target: number, lastDay: number): number {
  const weekday = awsWeekday(year, month, target);
  if (weekday === 7) return target === 1 ? 3 : target - 1;
  if (weekday === 1) return target === lastDay ? target - 2 : target + 1;
  return target;
}

/** Whether the calendar date (month 1-12) satisfies the Day-of-month or Day-of-week field. */
export function cronDayMatches(spec: CronDaySpec, year: number, month: number, day: number): boolean {
  const lastDay = daysInMonth(year, month);
  if (day > lastDay) return false;
  if (spec.kind === 'day-of-month') {
    if (spec.days.includes(day)) return true;
    if (spec.lastDayOffsets.some((offset) => lastDay - offset === day)) return true;
    if (spec.lastWeekday && nearestWeekday(year, month, lastDay, lastDay) === day) return true;
    return spec.nearestWeekdays.some(
      (target) => target <= lastDay && nearestWeekday(year, month, target, lastDay) === day,
    );
  }
  const weekday = awsWeekday(year, month, day);
  if (spec.weekdays.includes(weekday)) return true;
  if (spec.lastWeekdays.includes(weekday) && day + 7 > lastDay) return true;
  const nth = Math.ceil(day / 7);
  return spec.nthWeekdays.some((entry) => entry.weekday === weekday && entry.nth === nth);
}
