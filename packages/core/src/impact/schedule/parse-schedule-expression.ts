import { daysInMonth } from './days-in-month.js';
import { parseCronFields } from './parse-cron-fields.js';
import type { ParsedSchedule, RateUnit, ScheduleError } from './schedule-types.js';

const MINUTE_MS = 60_000;
const UNIT_MS: Record<RateUnit, number> = {
  minutes: MINUTE_MS,
  hours: 60 * MINUTE_MS,
  days: 24 * 60 * MINUTE_MS,
};
const SINGULAR: Record<string, RateUnit> = { minute: 'minutes', hour: 'hours', day: 'days' };
const PLURAL: Record<string, RateUnit> = { minutes: 'minutes', hours: 'hours', days: 'days' };

function parseRate(expression: string, body: string): ParsedSchedule | ScheduleError {
  const error = (message: string): ScheduleError => ({ kind: 'error', expression, message });
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(body);
  if (!match) return error(`rate expression must be 'rate(value unit)', e.g. 'rate(5 minutes)'`);
  const [, valueText = '', unitText = ''] = match;
  if (!/^\d+$/.test(valueText)) return error(`rate value '${valueText}' must be a positive whole number`);
  const value = Number(valueText);
  if (value < 1 || !Number.isSafeInteger(value)) {
    return error(`rate value '${valueText}' must be a positive whole number`);
  }
  const singular = SINGULAR[unitText];
  const plural = PLURAL[unitText];
  if (singular === undefined && plural === undefined) {
    return error(`rate unit '${unitText}' must be minute(s), hour(s) or day(s)`);
  }
  if (value === 1 && plural !== undefined) {
    return error(`rate of 1 takes a singular unit: 'rate(1 ${unitText.slice(0, -1)})'`);
  }
  if (value !== 1 && singular !== undefined) {
    return error(`rate of ${value} takes a plural unit: 'rate(${value} ${unitText}s)'`);
  }
  const unit = (singular ?? plural) as RateUnit;
  return { kind: 'rate', expression, everyMs: value * UNIT_MS[unit], value, unit };
}

function parseAt(expression: string, body: string): ParsedSchedule | ScheduleError {
  const error = (message: string): ScheduleError => ({ kind: 'error', expression, message });
  const text = body.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return error(`at expression must be 'at(yyyy-mm-ddThh:mm:ss)', got 'at(${body})'`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return error(`at month ${month} is out of range 1-12`);
  if (day < 1 || day > daysInMonth(year, month)) {
    return error(`at day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`);
  }
  if (hour > 23) return error(`at hour ${hour} is out of range 0-23`);
  if (minute > 59) return error(`at minute ${minute} is out of range 0-59`);
  if (second > 59) return error(`at second ${second} is out of range 0-59`);
  return { kind: 'at', expression, at: text };
}

/**
 * Parses an AWS schedule expression: `cron(...)` (six fields), `rate(N unit)` or `at(yyyy-mm-ddThh:mm:ss)`.
 * Never throws: anything invalid comes back as `{ kind: 'error', message }`.
 */
export function parseScheduleExpression(expression: string): ParsedSchedule | ScheduleError {
  const text = typeof expression === 'string' ? expression.trim() : '';
  const match = /^([a-z]+)\((.*)\)$/s.exec(text);
  if (!match) {
    return {
      kind: 'error',
      expression,
      message: `schedule expression must be 'cron(...)', 'rate(...)' or 'at(...)', got '${expression}'`,
    };
  }
  const [, keyword = '', body = ''] = match;
  switch (keyword) {
    case 'cron': {
      const fields = parseCronFields(body);
      if (typeof fields === 'string') return { kind: 'error', expression, message: fields };
      return { kind: 'cron', expression, fields };
    }
    case 'rate':
      return parseRate(expression, body);
    case 'at':
      return parseAt(expression, body);
    default:
      return {
        kind: 'error',
        expression,
        message: `unknown schedule type '${keyword}': expected cron, rate or at`,
      };
  }
}
