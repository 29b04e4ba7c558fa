import { localToUtc } from './local-to-utc.js';

/** UTC instant of an `at()` schedule read in `timezone`; a time skipped by a clock change shifts forward. */
export function atInstantMs(at: string, timezone: string | undefined): number {
  const [date = '', time = ''] = at.split('T');
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0, second = 0] = time.split(':').map(Number);
  return localToUtc(Date.UTC(year, month - 1, day, hour, minute, second), timezone).instantMs;
}
