import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type EstateGraph, perRevision } from '@impact/core';

const MAX_ENTRIES = 512;
/** Below this, gzip costs more than it saves. */
const GZIP_MIN_BYTES = 1024;

/** One serialized answer, encoded once: UTF-8 bytes, a strong ETag and (on first ask) its gzip. */
export interface EncodedAnswer {
  body: Buffer;
  etag: string;
  gzip(): Buffer | null;
  /** Response headers of each form, built once with the answer rather than on every send. */
  headers: {
    identity: Record<string, string>;
    gzip: Record<string, string>;
    notModified: Record<string, string>;
  };
}

const caches = new WeakMap<EstateGraph, { revision: number; value: Map<string, EncodedAnswer> }>();

export function encodeAnswer(json: string): EncodedAnswer {
  const body = Buffer.from(json, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  let gzipped: Buffer | null | undefined;
  const common = { etag, vary: 'accept-encoding', 'cache-control': 'no-cache' };
  const identity = { ...common, 'content-type': 'application/json; charset=utf-8' };
  return {
    body,
    etag,
    headers: { identity, gzip: { ...identity, 'content-encoding': 'gzip' }, notModified: common },
    gzip: () => {
      if (gzipped === undefined) gzipped = body.length < GZIP_MIN_BYTES ? null : gzipSync(body, { level: 6 });
      return gzipped;
    },
  };
}

/**
 * Serialized answers of one graph, least recently used first out. An answer for the same
 * question stays true while the graph keeps its revision; a patch in place (an incremental
 * ingest) starts the graph's answers afresh, and the cache dies with its graph. Answers are kept
 * as bytes, not strings, so a hit is not re-encoded on every send. Their ETag is the content's
 * hash: an answer a patch changed gets another, one it left as it was keeps its ETag (and 304s).
 */
export function cachedAnswer(graph: EstateGraph, key: string, compute: () => string): EncodedAnswer {
  const cache = perRevision(caches, graph, () => new Map<string, EncodedAnswer>());
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = encodeAnswer(compute());
  cache.set(key, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}
