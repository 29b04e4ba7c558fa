import { isUtcZone } from './is-utc-zone.js';
import { timeZoneFormatter } from './time-zone-formatter.js';

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
/** Clocks change at most once in this long (real zones change twice a year at most). */
const PROBE_MS = 6 * HOUR_MS;

/** A zone's offsets over one UTC year: `offset[i]` holds from `at[i]` (the first is the year's start). */
interface YearOffsets {
  at: number[];
  offset: number[];
}

const years = new Map<string, YearOffsets>();

/**
 * Offset of local wall-clock time from UTC, in minutes (Europe/London in summer: +60), at `instantMs`.
 * Throws a RangeError for an unknown zone; check with `isValidTimeZone` first.
 *
 * Asking `Intl` costs microseconds and a schedule's year of runs asks it for every run: thousands
 * of consumers' schedules made one findings run take seconds. So each zone's year is asked once,
 * every six hours, with each change of offset pinned to the second, and later answers are looked
 * up in that table: the same answer as asking `Intl` each time (tested against it).
 */
export function zoneOffsetMinutes(timezone: string | undefined, instantMs: number): number {
  if (isUtcZone(timezone)) return 0;
  const table = yearOffsets(timezone, new Date(instantMs).getUTCFullYear());
  const { at, offset } = table;
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((at[mid] as number) <= instantMs) lo = mid;
    else hi = mid - 1;
  }
  return offset[lo] as number;
}

function yearOffsets(timezone: string, year: number): YearOffsets {
  const key = `${timezone} ${year}`;
  let table = years.get(key);
  if (table) return table;
  const start = yearStart(year);
  const end = yearStart(year + 1);
  table = { at: [start], offset: [askIntl(timezone, start)] };
  let before = start;
  let current = table.offset[0] as number;
  for (let t = Math.min(start + PROBE_MS, end); before < end; t = Math.min(t + PROBE_MS, end)) {
    const now = askIntl(timezone, t);
    if (now !== current) {
      // The change lies in (before, t]: find its first second.
      let lo = Math.floor(before / SECOND_MS) + 1;
      let hi = Math.floor(t / SECOND_MS);
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (askIntl(timezone, mid * SECOND_MS) === current) lo = mid + 1;
        else hi = mid;
      }
      table.at.push(lo * SECOND_MS);
      table.offset.push(now);
      current = now;
    }
    before = t;
  }
  years.set(key, table);
  return table;
}

/** 1 January of `year`, 00:00 UTC (`Date.UTC` would read years 0–99 as 1900–1999). */
function yearStart(year: number): number {
  return new Date(0).setUTCFullYear(year, 0, 1);
}

/** The offset as `Intl` gives it, for one instant (whole seconds). */
export function askIntl(timezone: string, instantMs: number): number {
  const parts = timeZoneFormatter(timezone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const localMs = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const wholeSecondMs = Math.floor(instantMs / 1000) * 1000;
  return Math.round((localMs - wholeSecondMs) / 60_000);
}
