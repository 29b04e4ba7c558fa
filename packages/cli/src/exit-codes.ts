/** Documented exit codes (README "Exit codes"); tested end to end. */
export const ExitCode = {
  /** Nothing at or above --fail-on is impacted. */
  ok: 0,
  /** Something at or above --fail-on is impacted. */
  impacted: 1,
  /** The input could not be analysed (unreadable plan, unknown format, missing estate, bad flags). */
  failed: 2,
} as const;

export class UsageError extends Error {}
export class InputError extends Error {}
