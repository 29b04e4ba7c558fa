import type { Confidence, EdgeKind } from '../model/graph-types.js';
import { arnField, parseSecretArn, wildcardToRegExp } from './arn.js';

export interface IdentityMatch {
  id: string;
  confidence: Confidence;
  /** Set when the match is through a replica (other region) of a secret. */
  via?: Extract<EdgeKind, 'replicates'>;
  /** The identifier that matched (an ARN or name: never a value). */
  matched: string;
}

const ALL: ReadonlySet<string> = new Set(['*']);
/** The answer to most strings: shared, never mutated by callers. */
const NONE: IdentityMatch[] = [];
Object.freeze(NONE);
const MAX_LENGTH = 2048;

function arnService(arn: string): string {
  const start = arn.indexOf(':', 4);
  const end = arn.indexOf(':', start + 1);
  return start < 0 || end < 0 ? '' : arn.slice(start + 1, end);
}

/** Types whose name alone identifies them well enough to link a pasted name. */
const NAMED_TYPES = new Set(['aws_secretsmanager_secret', 'aws_ssm_parameter', 'aws_kms_alias']);

/** An index's contents as plain data, for an ingest worker (structured clone or `v8.serialize`). */
export interface IdentityIndexData {
  byArn: Map<string, string>;
  secretWithoutSuffix: Map<string, { id: string; via?: 'replicates' }>;
  byName: Map<string, string[]>;
  wildcardTargets: { arn: string; id: string }[];
  plainLengths: Uint8Array;
  accounts: Set<string>;
}

/**
 * Every identity (ARN, ARN without suffix, replica ARN, name) of every managed resource in
 * the estate, for the linkers that find ARNs and names pasted into attributes.
 */
export class IdentityIndex {
  private readonly byArn: Map<string, string>;
  private readonly secretWithoutSuffix: Map<string, { id: string; via?: 'replicates' }>;
  private readonly byName: Map<string, string[]>;
  /** Secrets, parameters and keys by ARN, sorted on first use: a pattern scans only its literal prefix's range. */
  private readonly wildcardTargets: { arn: string; id: string }[];
  private sorted = true;
  /**
   * Lengths of the identities that do not start with `arn:` (names, key ids): nearly every string
   * in an estate's attributes is neither an ARN nor one of these lengths, and is refused without
   * being hashed.
   */
  private readonly plainLengths: Uint8Array;
  readonly accounts: Set<string>;

  /** An empty index, or one rebuilt from {@link toData}'s answer. */
  constructor(data?: IdentityIndexData) {
    this.byArn = data?.byArn ?? new Map();
    this.secretWithoutSuffix = data?.secretWithoutSuffix ?? new Map();
    this.byName = data?.byName ?? new Map();
    this.wildcardTargets = data?.wildcardTargets ?? [];
    this.plainLengths = data?.plainLengths ?? new Uint8Array(MAX_LENGTH + 1);
    this.accounts = data?.accounts ?? new Set();
    this.sorted = data === undefined;
  }

  /** The contents, shared (not copied): what a worker needs to answer the same questions. */
  toData(): IdentityIndexData {
    const { byArn, secretWithoutSuffix, byName, wildcardTargets, plainLengths, accounts } = this;
    return { byArn, secretWithoutSuffix, byName, wildcardTargets, plainLengths, accounts };
  }

  addResource(
    id: string,
    type: string,
    identity: {
      arn?: string | undefined;
      name?: string | undefined;
      aliases?: string[] | undefined;
      replicaRegions?: string[] | undefined;
    },
  ): void {
    if (identity.arn) {
      this.byArn.set(identity.arn, id);
      if (!identity.arn.startsWith('arn:') && identity.arn.length <= MAX_LENGTH)
        this.plainLengths[identity.arn.length] = 1;
      const account = arnField(identity.arn, 4);
      if (account !== '' && !this.accounts.has(account) && /^\d{12}$/.test(account))
        this.accounts.add(account);
      const secret = type === 'aws_secretsmanager_secret' ? parseSecretArn(identity.arn) : null;
      if (secret) {
        this.secretWithoutSuffix.set(secret.withoutSuffix, { id });
        for (const region of identity.replicaRegions ?? []) {
          const swap = (arn: string) => arn.replace(`:${secret.region}:`, `:${region}:`);
          this.byArn.set(swap(secret.full), id);
          this.secretWithoutSuffix.set(swap(secret.withoutSuffix), { id, via: 'replicates' });
        }
      }
      if (type === 'aws_secretsmanager_secret' || type === 'aws_ssm_parameter' || type === 'aws_kms_key') {
        this.wildcardTargets.push({ arn: identity.arn, id });
        this.sorted = false;
      }
    }
    for (const alias of identity.aliases ?? []) {
      if (this.byArn.has(alias)) continue;
      this.byArn.set(alias, id);
      if (!alias.startsWith('arn:') && alias.length <= MAX_LENGTH) this.plainLengths[alias.length] = 1;
    }
    if (identity.name && NAMED_TYPES.has(type)) {
      this.addName(identity.name, id);
      if (type === 'aws_ssm_parameter') this.addName(identity.name.replace(/^\//, ''), id);
    }
  }

  private addName(name: string, id: string): void {
    if (name.length <= MAX_LENGTH) this.plainLengths[name.length] = 1;
    const list = this.byName.get(name);
    if (!list) this.byName.set(name, [id]);
    else if (!list.includes(id)) list.push(id);
  }

  /** Matches a string written in an attribute: an ARN (any form) or a name. */
  match(value: string): IdentityMatch[] {
    if (value.length < 3 || value.length > MAX_LENGTH) return NONE;
    const arn = value.startsWith('arn:');
    if (!arn && this.plainLengths[value.length] === 0) return NONE;
    const exact = this.byArn.get(value);
    if (exact) return [{ id: exact, confidence: 'exact', matched: value }];
    if (arn) {
      // Most ARNs in attributes are roles, functions, queues: only a secret's can match without being exact.
      if (!value.includes(':secretsmanager:')) return NONE;
      const secret = parseSecretArn(value);
      if (secret) {
        const full = this.byArn.get(secret.full);
        if (full) return [{ id: full, confidence: 'exact', matched: secret.full }];
        const partial =
          this.secretWithoutSuffix.get(secret.withoutSuffix) ?? this.secretWithoutSuffix.get(secret.full);
        if (partial) {
          return [
            {
              id: partial.id,
              confidence: 'arn_without_suffix',
              matched: secret.hasSuffix ? secret.withoutSuffix : secret.full,
              ...(partial.via ? { via: partial.via } : {}),
            },
          ];
        }
      }
      return NONE;
    }
    const named = this.byName.get(value);
    return named ? named.map((id) => ({ id, confidence: 'name' as const, matched: value })) : NONE;
  }

  /**
   * Matches an IAM Resource pattern with `*` or `?` against secrets, parameters and keys, for
   * the services the statement's actions name (`kms:Decrypt` on `*` grants keys, not secrets;
   * an action `*` grants all). Without the filter, one `Resource: "*"` per policy would link
   * every policy to every secret: quadratic in the estate.
   */
  matchPattern(pattern: string, services: ReadonlySet<string> = ALL): IdentityMatch[] {
    const wanted = (arn: string) => services.has('*') || services.has(arnService(arn));
    if (!/[*?]/.test(pattern))
      return !pattern.startsWith('arn:') || wanted(pattern) ? this.match(pattern) : [];
    const service = arnService(pattern);
    if (service !== '' && !/[*?]/.test(service) && !wanted(pattern)) return [];
    const re = wildcardToRegExp(pattern);
    const out: IdentityMatch[] = [];
    if (!this.sorted) {
      this.wildcardTargets.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
      this.sorted = true;
    }
    // Only ARNs that start with the pattern's literal prefix can match: scan that range, not the estate.
    const prefix = pattern.slice(0, pattern.search(/[*?]/));
    const targets = this.wildcardTargets;
    let lo = 0;
    let hi = targets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((targets[mid] as { arn: string }).arn < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < targets.length; i++) {
      const t = targets[i] as { arn: string; id: string };
      if (!t.arn.startsWith(prefix)) break;
      if (wanted(t.arn) && re.test(t.arn)) out.push({ id: t.id, confidence: 'wildcard', matched: pattern });
    }
    return out;
  }

  isEstateAccount(account: string): boolean {
    return this.accounts.has(account);
  }
}
