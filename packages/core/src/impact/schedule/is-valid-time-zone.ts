import { timeZoneFormatter } from './time-zone-formatter.js';

/** True when `timezone` is an IANA zone name this runtime knows (e.g. `Europe/London`). */
export function isValidTimeZone(timezone: string): boolean {
  try {
    timeZoneFormatter(timezone);
    return true;
  } catch {
    return false;
  }
}
