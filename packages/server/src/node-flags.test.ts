import { describe, expect, it } from 'vitest';
import { hasServerFlags } from './node-flags.js';

describe('hasServerFlags', () => {
  it('finds the flag in execArgv or NODE_OPTIONS, with any value', () => {
    expect(hasServerFlags([])).toBe(false);
    expect(hasServerFlags(['--max-old-space-size=8192'])).toBe(false);
    expect(hasServerFlags(['--max-semi-space-size=64'])).toBe(true);
    expect(hasServerFlags(['--max-semi-space-size=16'])).toBe(true);
    expect(hasServerFlags([], '--enable-source-maps --max-semi-space-size=32')).toBe(true);
    expect(hasServerFlags([], '--max-semi-space-sizes=1')).toBe(false);
  });
});
