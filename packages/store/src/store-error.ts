/** Why a store cannot be opened or used: a closed set, each named in the message. */
export const StoreFailure = {
  /** The spec is neither a directory nor a `postgres://` / `postgresql://` URL that parses. */
  invalidSpec: 'invalid-spec',
  /** Another process holds the embedded store's directory. */
  locked: 'locked',
  /** PostgreSQL did not answer, or refused the connection. */
  unreachable: 'unreachable',
  /** The schema could not be brought up to date. */
  migration: 'migration',
  /** The store was used after `close()`. */
  closed: 'closed',
} as const;
export type StoreFailure = (typeof StoreFailure)[keyof typeof StoreFailure];

/**
 * A store that cannot be opened or used. Its message names the store by its printable location
 * (never a password) and the reason.
 */
export class StoreError extends Error {
  constructor(
    readonly location: string,
    readonly failure: StoreFailure,
    reason: string,
  ) {
    super(`store ${location}: ${reason}`);
    this.name = 'StoreError';
  }
}

/** An error's message with every occurrence of `secret` blotted out (a driver may quote its input). */
export function scrubMessage(error: unknown, secret: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!secret) return message;
  return message.split(secret).join('***');
}
