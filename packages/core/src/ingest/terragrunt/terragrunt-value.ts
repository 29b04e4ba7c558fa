/**
 * A value as a static read of Terragrunt configuration knows it: plain data, or unknown with the
 * reason (a function that runs a command or calls AWS, an environment variable without default,
 * a dependency's output).
 */
export type TgValue = null | boolean | number | string | TgValue[] | { [key: string]: TgValue } | Unknown;

export class Unknown {
  /** `dependency`: a dependency's output, which Terragrunt reads from the producer's state at plan time (not a gap in the read). */
  constructor(
    readonly why: string,
    readonly dependency = false,
  ) {}
}

export function isUnknown(v: TgValue | undefined): v is Unknown {
  return v instanceof Unknown;
}

export function isRecord(v: TgValue | undefined): v is { [key: string]: TgValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** The first unknown inside a value (a list or object with an unknown member is not known either). */
export function firstUnknown(v: TgValue | undefined): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  } else if (isRecord(v)) {
    for (const x of Object.values(v)) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  }
  return undefined;
}

/** A value as a template interpolates it, or unknown. */
export function asText(v: TgValue): string | Unknown {
  if (v instanceof Unknown) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return '';
  return new Unknown('a list or object used as a string');
}
