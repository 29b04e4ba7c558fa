import { zoneOffsetMinutes } from './zone-offset-minutes.js';

const HOUR_MS = 3_600_000;

/**
 * How a local wall-clock time maps onto real instants in a zone: `exact` (one instant), `ambiguous`
 * (the repeated hour when clocks go back; `instantMs` is the earlier one) or `gap` (skipped when clocks go
 * forward; `instantMs` reads the time with the offset from before the change, i.e. shifted forward).
 */
export type LocalTimeResolution = { kind: 'exact' | 'ambiguous' | 'gap'; instantMs: number };

/** `localMs` is the wall-clock time encoded as if it were UTC (`Date.UTC(y, m - 1, d, h, min)`). */
export function localToUtc(localMs: number, timezone: string | undefined): LocalTimeResolution {
  const before = zoneOffsetMinutes(timezone, localMs - 26 * HOUR_MS);
  const after = zoneOffsetMinutes(timezone, localMs + 26 * HOUR_MS);
  const candidates = (before === after ? [before] : [before, after])
    .map((offset) => localMs - offset * 60_000)
    .filter((instant) => instant + zoneOffsetMinutes(timezone, instant) * 60_000 === localMs)
    .sort((a, b) => a - b);
  const [first] = candidates;
  if (first === undefined) return { kind: 'gap', instantMs: localMs - before * 60_000 };
  return { kind: candidates.length > 1 ? 'ambiguous' : 'exact', instantMs: first };
}
