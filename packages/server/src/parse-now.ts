import { apiError } from './errors.js';

/** The `now` query parameter (ISO 8601), or the wall clock. */
export function parseNow(now: string | undefined): Date {
  if (now === undefined) return new Date();
  const date = new Date(now);
  if (Number.isNaN(date.getTime()))
    throw apiError('BAD_REQUEST', `now must be an ISO 8601 date-time, got "${now}"`);
  return date;
}
