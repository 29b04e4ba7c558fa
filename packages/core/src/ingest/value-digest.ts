import { createHmac, randomBytes } from 'node:crypto';

/**
 * A keyed digest of a secret value. The key is random per process and never stored, so a
 * digest cannot be brute-forced offline and means nothing outside the ingest that made it:
 * it only tells whether two secrets of one estate hold the same value.
 */
const KEY = randomBytes(32);

export function valueDigest(value: string): string {
  return createHmac('sha256', KEY).update(value).digest('hex').slice(0, 24);
}
