import { isUtcZone } from './is-utc-zone.js';
import { isValidTimeZone } from './is-valid-time-zone.js';

/** Throws a RangeError naming the zone when it is not a known IANA zone. */
export function assertTimeZone(timezone: string | undefined): void {
  if (!isUtcZone(timezone) && !isValidTimeZone(timezone)) {
    throw new RangeError(`unknown time zone '${timezone}'`);
  }
}
