import { createHmac, randomBytes } from 'node:crypto';

/**
 * A keyed digest of a secret value. The key is random per process and never stored, so a
 * digest cannot be brute-forced offline and means nothing outside the ingest that made it:
 * it only tells whether two secrets of one estate hold the same value.
 */
let key = randomBytes(32);

export function valueDigest(value: string): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 24);
}

/** The process's key, for its ingest workers: digests made in any thread must compare. */
export function digestKey(): Uint8Array {
  return new Uint8Array(key);
}

/** An ingest worker takes its process's key (see {@link digestKey}). */
export function useDigestKey(shared: Uint8Array): void {
  key = Buffer.from(shared);
}
