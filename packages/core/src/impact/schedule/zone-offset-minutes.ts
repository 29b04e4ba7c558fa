import { isUtcZone } from './is-utc-zone.js';
import { timeZoneFormatter } from './time-zone-formatter.js';

/**
 * Offset of local wall-clock time from UTC, in minutes (Europe/London in summer: +60), at `instantMs`.
 * Throws a RangeError for an unknown zone; check with `isValidTimeZone` first.
 */
export function zoneOffsetMinutes(timezone: string | undefined, instantMs: number): number {
  if (isUtcZone(timezone)) return 0;
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
