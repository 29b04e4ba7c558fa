import { describe, expect, it } from 'vitest';
import { countdownTick, formatAgo, formatCountdown } from './time-left.js';

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatCountdown', () => {
  it('counts days, hours and minutes while more than an hour is left, and moves each minute', () => {
    expect(formatCountdown(2 * D + 3 * H + 4 * M + 59 * S)).toBe('2d 3h 04m left');
    expect(formatCountdown(H)).toBe('1h 00m left');
    expect(countdownTick(H)).toBe(M);
  });

  it('counts minutes and seconds in the last hour, and moves each second', () => {
    expect(formatCountdown(12 * M + 5 * S + 400)).toBe('12m 05s left');
    expect(formatCountdown(H - 1)).toBe('59m 59s left');
    expect(countdownTick(H - 1)).toBe(S);
  });

  it('says when time is up', () => {
    expect(formatCountdown(0)).toBe('time is up');
    expect(formatCountdown(-5 * M)).toBe('time is up');
  });
});

describe('formatAgo', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(formatAgo(20 * S)).toBe('moments');
    expect(formatAgo(M)).toBe('1 minute');
    expect(formatAgo(59 * M)).toBe('59 minutes');
    expect(formatAgo(3 * H + 10 * M)).toBe('3 hours');
    expect(formatAgo(2 * D + 1)).toBe('2 days');
  });
});
