import type { EstateGraph } from '@impact/core';

const MAX_ENTRIES = 512;
const caches = new WeakMap<EstateGraph, Map<string, string>>();

/**
 * Serialized answers of one graph, least recently used first out. A graph never changes once
 * built (a re-ingest builds a new one), so an answer for the same question stays true; the
 * cache dies with its graph.
 */
export function cachedAnswer(graph: EstateGraph, key: string, compute: () => string): string {
  let cache = caches.get(graph);
  if (!cache) {
    cache = new Map();
    caches.set(graph, cache);
  }
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = compute();
  cache.set(key, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}
