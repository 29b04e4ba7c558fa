import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askIntl, zoneOffsetMinutes } from './zone-offset-minutes.js';

// Zones with odd offsets and odd rules: half-hour DST (Lord Howe), 45-minute offsets (Chatham,
// Kathmandu), negative DST (Dublin), several changes a year (Casablanca), two-hour jumps (Troll).
const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Santiago',
  'Africa/Casablanca',
  'Antarctica/Troll',
  'Europe/Dublin',
];
const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2060, 0, 1);

describe('zoneOffsetMinutes', () => {
  it('answers what Intl answers, at any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (zone, instant) => {
        expect(zoneOffsetMinutes(zone, instant)).toBe(askIntl(zone, instant));
      }),
      { seed: 20261127, numRuns: 1000 },
    );
  });

  it('answers what Intl answers on both sides of every change of offset in 2026', () => {
    let changes = 0;
    for (const zone of ZONES) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
        if (askIntl(zone, t) === askIntl(zone, t + 3_600_000)) continue;
        changes++;
        for (let s = t; s <= t + 3_600_000; s += 1000)
          if (zoneOffsetMinutes(zone, s) !== askIntl(zone, s))
            expect({ zone, at: new Date(s).toISOString(), offset: zoneOffsetMinutes(zone, s) }).toEqual({
              zone,
              at: new Date(s).toISOString(),
              offset: askIntl(zone, s),
            });
      }
    }
    // London, New York, Lord Howe, St John's, Chatham, Santiago, Dublin, Troll: two each; Casablanca more.
    expect(changes).toBeGreaterThanOrEqual(16);
  });

  it('is 0 for UTC and no zone', () => {
    expect(zoneOffsetMinutes(undefined, Date.UTC(2026, 6, 1))).toBe(0);
    expect(zoneOffsetMinutes('UTC', Date.UTC(2026, 6, 1))).toBe(0);
  });
});
