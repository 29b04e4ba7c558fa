import { setTimeout as sleep } from 'node:timers/promises';
import { SourceError } from '@impact/core/node';

export interface RetryOptions {
  /** Tries in all, the first included (default 5). */
  attempts?: number;
  /** The first wait; each next one doubles, with jitter (default 250 ms). */
  baseMs?: number;
  /** No wait is longer, whatever `Retry-After` asks (default 20 s). */
  maxMs?: number;
}

/** A failure worth another try, and how long the server asked to wait (`Retry-After`), if it did. */
export interface Transient {
  retryAfterMs?: number;
}

/**
 * Runs `attempt` until it succeeds, retrying only throttling and passing faults (`isTransient`
 * says which, and how long the server asked to wait) with exponential backoff. What is still
 * throttled after the last try is a `throttled` {@link SourceError}; anything else is mapped by
 * `classify` on its first occurrence.
 */
export async function withRetry<T>(
  source: string,
  what: string,
  attempt: () => Promise<T>,
  isTransient: (error: unknown) => Transient | null,
  classify: (error: unknown) => SourceError,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 20_000;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof SourceError) throw error;
      const transient = isTransient(error);
      if (!transient) throw classify(error);
      if (i >= attempts) {
        throw new SourceError(source, 'throttled', `${what}: still throttled after ${attempts} tries`);
      }
      const backoff = base * 2 ** (i - 1) * (0.75 + Math.random() * 0.5);
      await sleep(Math.min(max, Math.max(transient.retryAfterMs ?? 0, backoff)), undefined, { signal });
    }
  }
}

/** `Retry-After` in milliseconds: delay-seconds, or an HTTP date. */
export function retryAfterMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Network-level failures (nothing answered): what an unreachable endpoint looks like in Node. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The errno-style code of a network failure, looking through `cause`, or null. */
export function networkCode(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors)) for (const inner of errors) if (networkCode(inner)) return networkCode(inner);
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
