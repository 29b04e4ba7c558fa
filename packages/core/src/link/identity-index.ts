import type { Confidence, EdgeKind, NodeAttributes } from '../model/graph-types.js';
import { REDACTED } from '../model/workspace.js';
import { arnField, parseSecretArn, wildcardToRegExp } from './arn.js';
import { isAccountId, type Scope, scopeCompatible, scopeEqual, UNKNOWN_SCOPE } from './scope.js';

export interface IdentityMatch {
  id: string;
  confidence: Confidence;
  /** Set when the match is through a replica (other region) of a secret. */
  via?: Extract<EdgeKind, 'replicates'>;
  /** The identifier that matched (an ARN or name: never a value). */
  matched: string;
  /** For an `ambiguous` match: every producer the name could be (this one among them). */
  candidates?: string[];
  /** An exact ARN of another account than the consumer's (a full ARN is how AWS allows that). */
  crossAccount?: boolean;
}

/** The services whose names resolve inside an account and region (IAM: inside an account). */
export type NamedService = 'secretsmanager' | 'ssm' | 'kms';

/** A producer's identity as the index keeps it: who, of what service, where. */
interface Entry {
  id: string;
  service: NamedService;
  account: string;
  region: string;
  via?: 'replicates';
}

const ALL: ReadonlySet<string> = new Set(['*']);
/** The answer to most strings: shared, never mutated by callers. */
const NONE: IdentityMatch[] = [];
Object.freeze(NONE);
const MAX_LENGTH = 2048;
/**
 * Producers an ambiguous name is linked to at most. Beyond that the name is counted as
 * unresolved rather than fanned out: hundreds of accounts repeat the same names.
 */
export const MAX_CANDIDATES = 10;

function arnService(arn: string): string {
  const start = arn.indexOf(':', 4);
  const end = arn.indexOf(':', start + 1);
  return start < 0 || end < 0 ? '' : arn.slice(start + 1, end);
}

/** Types whose name alone identifies them (in their account and region) well enough to link a pasted name. */
const NAMED_TYPES: Record<string, NamedService> = {
  aws_secretsmanager_secret: 'secretsmanager',
  aws_ssm_parameter: 'ssm',
  aws_kms_alias: 'kms',
  aws_kms_key: 'kms',
};

/** An index's contents as plain data, for an ingest worker (structured clone or `v8.serialize`). */
export interface IdentityIndexData {
  byArn: Map<string, string[]>;
  partial: Map<string, Entry[]>;
  byName: Map<string, Entry[]>;
  wildcardTargets: { arn: string; id: string; account: string }[];
  plainLengths: Uint8Array;
  accounts: Set<string>;
  grants: Map<string, string[]>;
}

/** What a Resource pattern of an IAM policy matched. */
export interface PatternMatch {
  matches: IdentityMatch[];
  /** Accounts the pattern spans when the policy's own account is unknown and several match: nothing is linked. */
  ambiguousAccounts: number;
}

/**
 * Every identity (ARN, ARN without suffix, replica ARN, name, key id) of every managed resource
 * of the estate, with the account and region it lives in, for the linkers that find ARNs and
 * names pasted into attributes. A full ARN answers exactly, in any account. A name or an ARN
 * without its random suffix answers only inside the consumer's scope, as AWS resolves them;
 * when the consumer's scope is unknown and several producers fit, the answer says `ambiguous`.
 */
export class IdentityIndex {
  private readonly byArn: Map<string, string[]>;
  private readonly partial: Map<string, Entry[]>;
  private readonly byName: Map<string, Entry[]>;
  /** Secrets, parameters and keys by ARN, sorted on first use: a pattern scans only its literal prefix's range. */
  private readonly wildcardTargets: { arn: string; id: string; account: string }[];
  private sorted = true;
  /**
   * Lengths of the names: nearly every string in an estate's attributes is neither an ARN nor
   * one of these lengths, and is refused without being hashed.
   */
  private readonly plainLengths: Uint8Array;
  readonly accounts: Set<string>;
  /** Producer id → accounts its resource policy lets read it (`*`: anyone). */
  private readonly grants: Map<string, string[]>;
  private readonly pendingGrants: { arn: string; accounts: string[] }[] = [];
  /** How many resources' ARNs name each account: an index patched in place forgets an account no ARN names any more. */
  private readonly accountRefs = new Map<string, number>();
  /** While {@link removeFacts} runs, each `add…` takes out instead. */
  private removing = false;
  /** Keys whose lists a patch touched: put back in estate order when it ends. */
  private touched: { arns: Set<string>; partials: Set<string>; names: Set<string> } | null = null;

  /** An empty index, or one rebuilt from {@link toData}'s answer. */
  constructor(data?: IdentityIndexData) {
    this.byArn = data?.byArn ?? new Map();
    this.partial = data?.partial ?? new Map();
    this.byName = data?.byName ?? new Map();
    this.wildcardTargets = data?.wildcardTargets ?? [];
    this.plainLengths = data?.plainLengths ?? new Uint8Array(MAX_LENGTH + 1);
    this.accounts = data?.accounts ?? new Set();
    this.grants = data?.grants ?? new Map();
    this.sorted = data === undefined;
  }

  /** The contents, shared (not copied): what a worker needs to answer the same questions. */
  toData(): IdentityIndexData {
    const { byArn, partial, byName, wildcardTargets, plainLengths, accounts, grants } = this;
    return { byArn, partial, byName, wildcardTargets, plainLengths, accounts, grants };
  }

  addResource(
    id: string,
    type: string,
    identity: {
      arn?: string | undefined;
      name?: string | undefined;
      aliases?: readonly string[] | undefined;
      replicaRegions?: readonly string[] | undefined;
      account?: string | undefined;
      region?: string | undefined;
    },
  ): void {
    const account = identity.account ?? '';
    const region = identity.region ?? '';
    const service = NAMED_TYPES[type];
    const arn = identity.arn;
    if (arn && arn !== REDACTED) {
      this.addArn(arn, id);
      const arnAccount = arnField(arn, 4);
      if (arnAccount !== '' && isAccountId(arnAccount)) this.countAccount(arnAccount);
      const secret = type === 'aws_secretsmanager_secret' ? parseSecretArn(arn) : null;
      if (secret) {
        this.addPartial(secret.withoutSuffix, { id, service: 'secretsmanager', account, region });
        for (const replica of identity.replicaRegions ?? []) {
          const swap = (a: string) => a.replace(`:${secret.region}:`, `:${replica}:`);
          this.addArn(swap(secret.full), id);
          this.addPartial(swap(secret.withoutSuffix), {
            id,
            service: 'secretsmanager',
            account,
            region: replica,
            via: 'replicates',
          });
          if (identity.name)
            this.addName(identity.name, {
              id,
              service: 'secretsmanager',
              account,
              region: replica,
              via: 'replicates',
            });
        }
      }
      if (type === 'aws_secretsmanager_secret' || type === 'aws_ssm_parameter' || type === 'aws_kms_key') {
        if (this.removing) {
          const at = this.wildcardTargets.findIndex((t) => t.id === id && t.arn === arn);
          if (at >= 0) this.wildcardTargets.splice(at, 1);
        } else {
          this.wildcardTargets.push({ arn, id, account });
          this.sorted = false;
        }
      }
    }
    for (const alias of identity.aliases ?? []) if (alias !== REDACTED) this.addArn(alias, id);
    const name = identity.name;
    if (name && name !== REDACTED && service) {
      const entry: Entry = { id, service, account, region };
      this.addName(name, entry);
      // SSM takes a parameter's name with or without its leading slash.
      if (type === 'aws_ssm_parameter' && name.startsWith('/')) this.addName(name.slice(1), entry);
    }
  }

  /** A resource's identities as its facts give them (a data source has none: it names what it found). */
  addFacts(id: string, fact: { node: NodeAttributes; aliases: readonly string[] }): void {
    const a = fact.node;
    if (a.kind === 'data' || !a.type) return;
    this.addResource(id, a.type, {
      arn: a.arn,
      name: a.name,
      aliases: fact.aliases,
      replicaRegions: a.secret?.replicaRegions,
      account: a.account,
      region: a.region,
    });
  }

  /**
   * Takes a resource's identities out, as {@link addFacts} filed them: for an index patched in
   * place between {@link beginPatch} and {@link endPatch}.
   */
  removeFacts(id: string, fact: { node: NodeAttributes; aliases: readonly string[] }): void {
    this.removing = true;
    try {
      this.addFacts(id, fact);
    } finally {
      this.removing = false;
    }
  }

  /** Starts a patch: the lists it touches are noted. */
  beginPatch(): void {
    this.touched = { arns: new Set(), partials: new Set(), names: new Set() };
  }

  /**
   * Ends a patch: each list it touched is put in estate order (`rank` of a producer id), as an
   * index built anew holds it, and every grant is resolved again (a producer's ARN may have changed).
   */
  endPatch(
    rank: (id: string) => number,
    grants: readonly { arn: string; accounts: readonly string[] }[],
  ): void {
    const touched = this.touched;
    this.touched = null;
    if (!touched) return;
    const byRank = (a: string, b: string) => rank(a) - rank(b);
    for (const key of touched.arns) this.byArn.get(key)?.sort(byRank);
    for (const key of touched.partials) this.partial.get(key)?.sort((a, b) => byRank(a.id, b.id));
    for (const key of touched.names) this.byName.get(key)?.sort((a, b) => byRank(a.id, b.id));
    // Back to estate order; sorted by ARN (a stable sort) on first use, as a built index is.
    this.wildcardTargets.sort((a, b) => byRank(a.id, b.id));
    this.sorted = false;
    this.grants.clear();
    this.pendingGrants.length = 0;
    for (const g of grants) this.addGrant(g.arn, g.accounts);
    this.resolveGrants();
  }

  private countAccount(account: string): void {
    const n = (this.accountRefs.get(account) ?? 0) + (this.removing ? -1 : 1);
    if (n > 0) {
      this.accountRefs.set(account, n);
      this.accounts.add(account);
    } else {
      this.accountRefs.delete(account);
      this.accounts.delete(account);
    }
  }

  /** A resource policy's grant, resolved to its producer once every identity is in ({@link resolveGrants}). */
  addGrant(arn: string, accounts: readonly string[]): void {
    this.pendingGrants.push({ arn, accounts: [...accounts] });
  }

  /** Resolves the grants added so far to the producers they protect. */
  resolveGrants(): void {
    for (const { arn, accounts } of this.pendingGrants.splice(0)) {
      const ids = this.byArn.get(arn) ?? this.partialIds(arn) ?? this.keyIds(arn);
      for (const id of ids ?? []) {
        const known = this.grants.get(id);
        this.grants.set(id, known ? [...new Set([...known, ...accounts])] : accounts);
      }
    }
  }

  /** Whether a producer's resource policy lets `account` read it. */
  granted(id: string, account: string): boolean {
    const g = this.grants.get(id);
    return g !== undefined && (g.includes('*') || g.includes(account));
  }

  private partialIds(arn: string): string[] | undefined {
    const secret = parseSecretArn(arn);
    const entries = secret
      ? (this.partial.get(secret.withoutSuffix) ?? this.partial.get(secret.full))
      : undefined;
    return entries?.map((e) => e.id);
  }

  private keyIds(keyId: string): string[] | undefined {
    const entries = this.byName.get(keyId)?.filter((e) => e.service === 'kms');
    return entries && entries.length === 1 ? [(entries[0] as Entry).id] : undefined;
  }

  private addArn(arn: string, id: string): void {
    this.touched?.arns.add(arn);
    if (this.removing) {
      takeOut(this.byArn, arn, (x) => x === id);
      return;
    }
    const list = this.byArn.get(arn);
    if (!list) this.byArn.set(arn, [id]);
    else if (!list.includes(id)) list.push(id);
    if (!arn.startsWith('arn:') && arn.length <= MAX_LENGTH) this.plainLengths[arn.length] = 1;
  }

  private addPartial(key: string, entry: Entry): void {
    this.touched?.partials.add(key);
    if (this.removing) {
      takeOut(this.partial, key, (e) => e.id === entry.id);
      return;
    }
    const list = this.partial.get(key);
    if (!list) this.partial.set(key, [entry]);
    else if (!list.some((e) => e.id === entry.id)) list.push(entry);
  }

  private addName(name: string, entry: Entry): void {
    this.touched?.names.add(name);
    if (this.removing) {
      takeOut(this.byName, name, (e) => e.id === entry.id);
      return;
    }
    if (name.length <= MAX_LENGTH) this.plainLengths[name.length] = 1;
    const list = this.byName.get(name);
    if (!list) this.byName.set(name, [entry]);
    else if (!list.some((e) => e.id === entry.id && e.region === entry.region)) list.push(entry);
  }

  /**
   * Matches a string written in an attribute by a consumer in `scope`: an ARN (any form) or a
   * name. `service` narrows names to one service (a data source that looks up a parameter).
   */
  match(value: string, scope: Scope = UNKNOWN_SCOPE, service?: NamedService): IdentityMatch[] {
    if (value.length < 3 || value.length > MAX_LENGTH) return NONE;
    const arn = value.startsWith('arn:');
    if (!arn && this.plainLengths[value.length] === 0) return NONE;
    const exact = this.byArn.get(value);
    if (exact) return this.exact(exact, value, scope);
    if (arn) {
      // Most ARNs in attributes are roles, functions, queues: only a secret's can match without being exact.
      if (!value.includes(':secretsmanager:')) return NONE;
      const secret = parseSecretArn(value);
      if (!secret) return NONE;
      const full = this.byArn.get(secret.full);
      if (full) return this.exact(full, secret.full, scope);
      const partial = this.partial.get(secret.withoutSuffix) ?? this.partial.get(secret.full);
      if (!partial) return NONE;
      const matched =
        secret.hasSuffix && this.partial.has(secret.withoutSuffix) ? secret.withoutSuffix : secret.full;
      // An ARN without its suffix names its account and region; another account's secret is
      // readable that way only when its resource policy lets the consumer's account in.
      const fit = partial.filter(
        (e) =>
          scope.account === '' ||
          e.account === '' ||
          e.account === scope.account ||
          this.granted(e.id, scope.account),
      );
      return this.answer(fit, 'arn_without_suffix', matched);
    }
    if (value === REDACTED) return NONE;
    const named = this.byName.get(value);
    if (!named) return NONE;
    const fit = named.filter(
      (e) => (service === undefined || e.service === service) && scopeCompatible(scope, e),
    );
    if (fit.length <= 1) return this.answer(fit, 'name', value);
    // Several fit because a part of some scope is unknown: those known to be in the consumer's own scope win.
    const same = fit.filter((e) => scopeEqual(scope, e));
    return this.answer(same.length > 0 ? same : fit, 'name', value);
  }

  /**
   * Whether `value` names a producer that exists, but not in `scope` (another account or region,
   * or an ARN without suffix into an account that does not grant the consumer's): what a linker
   * reports as unresolved instead of linking.
   */
  existsElsewhere(value: string, scope: Scope): string[] {
    if (value.length < 3 || value.length > MAX_LENGTH || value === REDACTED) return NONE_IDS;
    const arn = value.startsWith('arn:');
    // Most strings are neither an ARN nor of a name's length: refused without being hashed.
    if (!arn && this.plainLengths[value.length] === 0) return NONE_IDS;
    let entries: Entry[] | undefined;
    if (arn) {
      const secret = value.includes(':secretsmanager:') ? parseSecretArn(value) : null;
      entries = secret
        ? (this.partial.get(secret.withoutSuffix) ?? this.partial.get(secret.full))
        : undefined;
    } else entries = this.byName.get(value);
    if (!entries || this.match(value, scope).length > 0) return NONE_IDS;
    return entries.map((e) => e.id);
  }

  private exact(ids: string[], matched: string, scope: Scope): IdentityMatch[] {
    const out: IdentityMatch[] = [];
    for (const id of ids) {
      const m: IdentityMatch = { id, confidence: 'exact', matched };
      const account = arnField(matched, 4);
      if (scope.account !== '' && isAccountId(account) && account !== scope.account) m.crossAccount = true;
      out.push(m);
    }
    return out;
  }

  private answer(fit: Entry[], confidence: 'name' | 'arn_without_suffix', matched: string): IdentityMatch[] {
    if (fit.length === 0) return NONE;
    if (fit.length === 1) {
      const e = fit[0] as Entry;
      return [{ id: e.id, confidence, matched, ...(e.via ? { via: e.via } : {}) }];
    }
    const ids = [...new Set(fit.map((e) => e.id))].sort();
    if (ids.length === 1) {
      const e = fit.find((x) => !x.via) ?? (fit[0] as Entry);
      return [{ id: e.id, confidence, matched, ...(e.via ? { via: e.via } : {}) }];
    }
    if (ids.length > MAX_CANDIDATES) return [{ id: '', confidence: 'ambiguous', matched, candidates: ids }];
    return ids.map((id) => ({ id, confidence: 'ambiguous' as const, matched, candidates: ids }));
  }

  /**
   * Matches an IAM Resource pattern with `*` or `?` against secrets, parameters and keys, for
   * the services the statement's actions name (`kms:Decrypt` on `*` grants keys, not secrets;
   * an action `*` grants all). Without the filter, one `Resource: "*"` per policy would link
   * every policy to every secret: quadratic in the estate. An identity policy reaches another
   * account's secret only when that secret's resource policy lets the policy's account in.
   */
  matchPattern(
    pattern: string,
    services: ReadonlySet<string> = ALL,
    scope: Scope = UNKNOWN_SCOPE,
  ): PatternMatch {
    const wanted = (arn: string) => services.has('*') || services.has(arnService(arn));
    if (!/[*?]/.test(pattern)) {
      const matches = !pattern.startsWith('arn:') || wanted(pattern) ? this.match(pattern, scope) : NONE;
      return { matches: matches.filter((m) => m.id !== ''), ambiguousAccounts: 0 };
    }
    const service = arnService(pattern);
    if (service !== '' && !/[*?]/.test(service) && !wanted(pattern))
      return { matches: NONE, ambiguousAccounts: 0 };
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
    const accounts = new Set<string>();
    for (let i = lo; i < targets.length; i++) {
      const t = targets[i] as { arn: string; id: string; account: string };
      if (!t.arn.startsWith(prefix)) break;
      if (!wanted(t.arn) || !re.test(t.arn)) continue;
      if (
        scope.account !== '' &&
        t.account !== '' &&
        t.account !== scope.account &&
        !this.granted(t.id, scope.account)
      )
        continue;
      accounts.add(t.account);
      out.push({ id: t.id, confidence: 'wildcard', matched: pattern });
    }
    if (scope.account === '' && accounts.size > 1) return { matches: NONE, ambiguousAccounts: accounts.size };
    return { matches: out, ambiguousAccounts: 0 };
  }

  isEstateAccount(account: string): boolean {
    return this.accounts.has(account);
  }
}

const NONE_IDS: string[] = [];
Object.freeze(NONE_IDS);

/** Takes the entries `drop` picks out of a list of a map, and the list once empty. */
function takeOut<T>(map: Map<string, T[]>, key: string, drop: (entry: T) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((e) => !drop(e));
  if (kept.length === 0) map.delete(key);
  else map.set(key, kept);
}
