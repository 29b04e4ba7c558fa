import { describe, expect, it } from 'vitest';
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-too-deep.js';

describe('jsonTooDeep', () => {
  it('measures arrays and objects alike, scalars as no depth', () => {
    expect(jsonTooDeep('x', 0)).toBe(false);
    expect(jsonTooDeep(null, 0)).toBe(false);
    expect(jsonTooDeep([], 1)).toBe(false);
    expect(jsonTooDeep([[]], 1)).toBe(true);
    expect(jsonTooDeep({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonTooDeep({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('takes any depth without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonTooDeep(deep)).toBe(true);
    const fine = JSON.parse(`${'{"a":'.repeat(MAX_JSON_DEPTH - 1)}{}${'}'.repeat(MAX_JSON_DEPTH - 1)}`);
    expect(jsonTooDeep(fine)).toBe(false);
    expect(jsonTooDeep({ wrap: fine })).toBe(true);
  });
});
