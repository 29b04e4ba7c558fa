import { resolve } from 'node:path';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
/** Query parameters that carry a credential (libpq and pg-connection-string read them). */
const SECRET_PARAM = /pass|secret|token|key/i;

/** Whether a store spec names a PostgreSQL server (else it is a directory). */
export function isPostgresSpec(spec: string): boolean {
  return POSTGRES_URL.test(spec);
}

/**
 * Where a store is, fit to print: the absolute directory, or the URL without its password (nor
 * any credential-like query parameter). Never throws, and never echoes an unparseable URL.
 */
export function describeStore(spec: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(spec)?.[1];
  // A URL of another scheme is refused by openStore; it is named without what it may carry.
  if (scheme !== undefined && !isPostgresSpec(spec)) return `${scheme.toLowerCase()}://…`;
  // A libpq key=value string may hold a password: never printed.
  if (/\s/.test(spec) && /\w=/.test(spec)) return '(a key=value connection string)';
  if (!isPostgresSpec(spec)) return resolve(spec);
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    return 'postgres://(a URL that does not parse)';
  }
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.delete(name);
  }
  return url.toString();
}

/** The password a PostgreSQL URL carries (to blot it out of driver messages), if any. */
export function urlPassword(spec: string): string | undefined {
  try {
    const url = new URL(spec);
    return url.password ? decodeURIComponent(url.password) : undefined;
  } catch {
    return undefined;
  }
}
