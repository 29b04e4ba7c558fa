import type { CronDaySpec, CronFields } from './schedule-types.js';

interface FieldDef {
  name: string;
  min: number;
  max: number;
  /** Names for min, min+1, ... (months JAN-DEC, weekdays SUN-SAT). */
  names?: readonly string[];
  /** Whether `a-b` with a > b wraps around (FRI-MON, 22-2). */
  wrap: boolean;
}

const MINUTES: FieldDef = { name: 'Minutes', min: 0, max: 59, wrap: true };
const HOURS: FieldDef = { name: 'Hours', min: 0, max: 23, wrap: true };
const DAY_OF_MONTH: FieldDef = { name: 'Day-of-month', min: 1, max: 31, wrap: true };
const MONTH: FieldDef = {
  name: 'Month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  wrap: true,
};
const DAY_OF_WEEK: FieldDef = {
  name: 'Day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  wrap: true,
};
const YEAR: FieldDef = { name: 'Year', min: 1970, max: 2199, wrap: false };

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(message: string): Result<T> => ({ ok: false, message });

function parseValue(token: string, def: FieldDef): Result<number> {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n < def.min || n > def.max) {
      return fail(`${def.name} value ${token} is out of range ${def.min}-${def.max}`);
    }
    return ok(n);
  }
  const index = def.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index >= 0) return ok(def.min + index);
  return fail(`${def.name} value '${token}' is not valid`);
}

function span(def: FieldDef): number {
  return def.max - def.min + 1;
}

/** `*`, `a`, `a-b`, with optional `/n` step; `/n` alone means `min/n` (as AWS blog posts write `0 /4`). */
function parseRangeItem(item: string, def: FieldDef): Result<number[]> {
  const slash = item.split('/');
  if (slash.length > 2) return fail(`${def.name} item '${item}' has more than one '/'`);
  const [base = '', stepText] = slash;
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText)) return fail(`${def.name} step '${stepText}' in '${item}' is not a number`);
    step = Number(stepText);
    if (step < 1 || step > span(def)) {
      return fail(`${def.name} step ${stepText} in '${item}' is out of range 1-${span(def)}`);
    }
  }
  let start: number;
  let end: number;
  if (base === '*' || (base === '' && stepText !== undefined)) {
    start = def.min;
    end = def.max;
  } else if (base === '') {
    return fail(`${def.name} field has an empty item`);
  } else {
    const dash = base.split('-');
    if (dash.length > 2) return fail(`${def.name} range '${base}' is not valid`);
    const first = parseValue(dash[0] ?? '', def);
    if (!first.ok) return first;
    start = first.value;
    if (dash.length === 2) {
      const last = parseValue(dash[1] ?? '', def);
      if (!last.ok) return last;
      end = last.value;
    } else {
      // `a/n` runs from a to the end of the range; a lone `a` is just a.
      end = stepText === undefined ? start : def.max;
    }
  }
  if (start > end && !def.wrap) {
    return fail(`${def.name} range '${base}' runs backwards`);
  }
  const sequence: number[] = [];
  const length = start <= end ? end - start + 1 : def.max - start + 1 + (end - def.min + 1);
  for (let i = 0; i < length; i += step) {
    let value = start + i;
    if (value > def.max) value -= span(def);
    sequence.push(value);
  }
  return ok(sequence);
}

function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function parseItems(
  field: string,
  def: FieldDef,
  special?: (item: string) => Result<boolean> | undefined,
): Result<number[]> {
  const values: number[] = [];
  for (const item of field.split(',')) {
    if (item === '') return fail(`${def.name} field '${field}' has an empty list item`);
    if (item === '?') return fail(`'?' is only allowed alone in Day-of-month or Day-of-week`);
    const handled = special?.(item);
    if (handled !== undefined) {
      if (!handled.ok) return fail(handled.message);
      continue;
    }
    const parsed = parseRangeItem(item, def);
    if (!parsed.ok) return parsed;
    values.push(...parsed.value);
  }
  return ok(sortedUnique(values));
}

function parseDayOfMonth(field: string): Result<CronDaySpec> {
  const lastDayOffsets: number[] = [];
  const nearestWeekdays: number[] = [];
  let lastWeekday = false;
  const days = parseItems(field, DAY_OF_MONTH, (raw) => {
    const item = raw.toUpperCase();
    if (item === 'L') {
      lastDayOffsets.push(0);
      return ok(true);
    }
    if (item === 'LW') {
      lastWeekday = true;
      return ok(true);
    }
    const lastOffset = /^L-(\d+)$/.exec(item);
    if (lastOffset) {
      const n = Number(lastOffset[1]);
      if (n < 1 || n > 30) return fail(`Day-of-month offset '${raw}' is out of range L-1 to L-30`);
      lastDayOffsets.push(n);
      return ok(true);
    }
    const nearest = /^(\d+)W$/.exec(item);
    if (nearest) {
      const n = Number(nearest[1]);
      if (n < 1 || n > 31) return fail(`Day-of-month value '${raw}' is out of range 1W-31W`);
      nearestWeekdays.push(n);
      return ok(true);
    }
    if (/[LW#]/.test(item)) return fail(`Day-of-month value '${raw}' is not valid`);
    return undefined;
  });
  if (!days.ok) return days;
  return ok({
    kind: 'day-of-month',
    days: days.value,
    lastDayOffsets: sortedUnique(lastDayOffsets),
    nearestWeekdays: sortedUnique(nearestWeekdays),
    lastWeekday,
  });
}

function parseDayOfWeek(field: string): Result<CronDaySpec> {
  const nthWeekdays: { weekday: number; nth: number }[] = [];
  const lastWeekdays: number[] = [];
  const extraWeekdays: number[] = [];
  const weekdays = parseItems(field, DAY_OF_WEEK, (raw) => {
    const item = raw.toUpperCase();
    if (item === 'L') {
      // A lone L in Day-of-week is the last day of the week: Saturday.
      extraWeekdays.push(7);
      return ok(true);
    }
    const last = /^([A-Z0-9]+)L$/.exec(item);
    if (last) {
      const day = parseValue(last[1] ?? '', DAY_OF_WEEK);
      if (!day.ok) return fail(day.message);
      lastWeekdays.push(day.value);
      return ok(true);
    }
    const nth = /^([A-Z0-9]+)#(\d+)$/.exec(item);
    if (nth) {
      const day = parseValue(nth[1] ?? '', DAY_OF_WEEK);
      if (!day.ok) return fail(day.message);
      const n = Number(nth[2]);
      if (n < 1 || n > 5) return fail(`Day-of-week occurrence in '${raw}' is out of range 1-5`);
      nthWeekdays.push({ weekday: day.value, nth: n });
      return ok(true);
    }
    return undefined;
  });
  if (!weekdays.ok) return weekdays;
  const uniqueNth = new Map(nthWeekdays.map((entry) => [`${entry.weekday}#${entry.nth}`, entry]));
  return ok({
    kind: 'day-of-week',
    weekdays: sortedUnique([...weekdays.value, ...extraWeekdays]),
    nthWeekdays: [...uniqueNth.values()].sort((a, b) => a.weekday - b.weekday || a.nth - b.nth),
    lastWeekdays: sortedUnique(lastWeekdays),
  });
}

/** Parses the body of `cron(...)`; returns the fields or an error message. Never throws. */
export function parseCronFields(body: string): CronFields | string {
  const parts = body
    .trim()
    .split(/\s+/)
    .filter((part) => part !== '');
  if (parts.length !== 6) {
    return `cron expression needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${parts.length}`;
  }
  const [minutesRaw = '', hoursRaw = '', domRaw = '', monthRaw = '', dowRaw = '', yearRaw = ''] = parts;
  if (domRaw === '?' && dowRaw === '?') {
    return `Day-of-month and Day-of-week can't both be '?': set one of them`;
  }
  if (domRaw !== '?' && dowRaw !== '?') {
    return `Day-of-month ('${domRaw}') and Day-of-week ('${dowRaw}') can't both be set: use '?' in one of them`;
  }
  const minutes = parseItems(minutesRaw, MINUTES);
  if (!minutes.ok) return minutes.message;
  const hours = parseItems(hoursRaw, HOURS);
  if (!hours.ok) return hours.message;
  const day = domRaw === '?' ? parseDayOfWeek(dowRaw) : parseDayOfMonth(domRaw);
  if (!day.ok) return day.message;
  const months = parseItems(monthRaw, MONTH);
  if (!months.ok) return months.message;
  const years = parseItems(yearRaw, YEAR);
  if (!years.ok) return years.message;
  return {
    minutes: minutes.value,
    hours: hours.value,
    months: months.value,
    years: years.value,
    day: day.value,
    raw: {
      minutes: minutesRaw,
      hours: hoursRaw,
      dayOfMonth: domRaw,
      month: monthRaw,
      dayOfWeek: dowRaw,
      year: yearRaw,
    },
  };
}
