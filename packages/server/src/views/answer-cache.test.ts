import { gunzipSync } from 'node:zlib';
import { bumpRevision } from '@impact/core';
import { createEstateGraph } from '@impact/core/node';
import { describe, expect, it } from 'vitest';
import { cachedAnswer, encodeAnswer } from './answer-cache.js';

const text = (g: ReturnType<typeof createEstateGraph>, key: string, compute: () => string) =>
  cachedAnswer(g, key, compute).body.toString('utf8');

describe('cachedAnswer', () => {
  it('computes once per graph and key, and a new graph starts empty', () => {
    const a = createEstateGraph();
    const b = createEstateGraph();
    let calls = 0;
    const compute = () => `answer ${++calls}`;
    expect(text(a, 'k', compute)).toBe('answer 1');
    expect(text(a, 'k', compute)).toBe('answer 1');
    expect(text(b, 'k', compute)).toBe('answer 2');
  });

  it('starts afresh once the graph is patched in place and its revision bumped', () => {
    const g = createEstateGraph();
    let calls = 0;
    const compute = () => `answer ${++calls}`;
    const before = cachedAnswer(g, 'k', compute);
    expect(cachedAnswer(g, 'k', compute)).toBe(before);
    bumpRevision(g);
    const after = cachedAnswer(g, 'k', compute);
    expect(after.body.toString('utf8')).toBe('answer 2');
    // The ETag is the content's: a changed answer gets another one.
    expect(after.etag).not.toBe(before.etag);
  });

  it('forgets the least recently used answer past its size', () => {
    const g = createEstateGraph();
    for (let i = 0; i < 513; i++) cachedAnswer(g, `k${i}`, () => `v${i}`);
    expect(text(g, 'k0', () => 'recomputed')).toBe('recomputed');
    expect(text(g, 'k512', () => 'recomputed')).toBe('v512');
  });
});

describe('encodeAnswer', () => {
  it('keeps UTF-8 bytes, an ETag of the content, and a gzip only where it pays', () => {
    const big = JSON.stringify({ why: 'ü → é'.repeat(500) });
    const a = encodeAnswer(big);
    expect(a.body.toString('utf8')).toBe(big);
    expect(a.etag).toBe(encodeAnswer(big).etag);
    expect(a.etag).not.toBe(encodeAnswer(`${big} `).etag);
    expect(gunzipSync(a.gzip() as Buffer).toString('utf8')).toBe(big);
    expect(a.gzip()).toBe(a.gzip());
    expect(encodeAnswer('{"small":true}').gzip()).toBeNull();
  });
});
