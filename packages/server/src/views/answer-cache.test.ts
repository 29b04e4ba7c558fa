import { createEstateGraph } from '@impact/core/node';
import { describe, expect, it } from 'vitest';
import { cachedAnswer } from './answer-cache.js';

describe('cachedAnswer', () => {
  it('computes once per graph and key, and a new graph starts empty', () => {
    const a = createEstateGraph();
    const b = createEstateGraph();
    let calls = 0;
    const compute = () => `answer ${++calls}`;
    expect(cachedAnswer(a, 'k', compute)).toBe('answer 1');
    expect(cachedAnswer(a, 'k', compute)).toBe('answer 1');
    expect(cachedAnswer(b, 'k', compute)).toBe('answer 2');
  });

  it('forgets the least recently used answer past its size', () => {
    const g = createEstateGraph();
    for (let i = 0; i < 513; i++) cachedAnswer(g, `k${i}`, () => `v${i}`);
    expect(cachedAnswer(g, 'k0', () => 'recomputed')).toBe('recomputed');
    expect(cachedAnswer(g, 'k512', () => 'recomputed')).toBe('v512');
  });
});
