/** AWS ARNs, parsed once; Secrets Manager's random suffix handled here and only here. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string): Arn | null {
  if (!value.startsWith('arn:')) return null;
  const parts = value.split(':');
  if (parts.length < 6) return null;
  return {
    partition: parts[1] ?? '',
    service: parts[2] ?? '',
    region: parts[3] ?? '',
    account: parts[4] ?? '',
    resource: parts.slice(5).join(':'),
  };
}

const fieldValues = new Map<string, string>();

/**
 * Field `n` of an ARN (1 partition, 2 service, 3 region, 4 account) without splitting it, and
 * interned: a million resources share a handful of regions and accounts, and should share
 * their strings too.
 */
export function arnField(arn: string, n: 1 | 2 | 3 | 4): string {
  if (!arn.startsWith('arn:')) return '';
  let at = 3;
  for (let field = 1; field < n; field++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return '';
  }
  const end = arn.indexOf(':', at + 1);
  if (end < 0) return '';
  const value = arn.slice(at + 1, end);
  const known = fieldValues.get(value);
  if (known !== undefined) return known;
  if (fieldValues.size < 10_000) fieldValues.set(value, value);
  return value;
}

/** Secrets Manager appends `-` and six random characters to a secret's name in its ARN. */
const SUFFIX = /-[A-Za-z0-9]{6}$/;

export interface SecretArn {
  /** `arn:…:secret:name-AbC123` without any `:jsonkey:stage:version` tail (ECS valueFrom form). */
  full: string;
  /** The same without the random suffix, when it had one. */
  withoutSuffix: string;
  name: string;
  region: string;
  account: string;
  partition: string;
  hasSuffix: boolean;
}

/**
 * Parses a Secrets Manager ARN as consumers write it: full, without its suffix, or with the
 * ECS `valueFrom` tail (`arn:…:secret:name-AbC123:password::`).
 */
export function parseSecretArn(value: string, knownSuffix = true): SecretArn | null {
  const parts = value.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'secretsmanager' || parts[5] !== 'secret')
    return null;
  const id = parts[6] ?? '';
  if (id === '') return null;
  const head = parts.slice(0, 6).join(':');
  const hasSuffix = knownSuffix && SUFFIX.test(id);
  const name = hasSuffix ? id.replace(SUFFIX, '') : id;
  return {
    full: `${head}:${id}`,
    withoutSuffix: `${head}:${name}`,
    name,
    region: parts[3] ?? '',
    account: parts[4] ?? '',
    partition: parts[1] ?? '',
    hasSuffix,
  };
}

/** IAM wildcard pattern (`*`, `?`) to a RegExp over the whole string. */
export function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
