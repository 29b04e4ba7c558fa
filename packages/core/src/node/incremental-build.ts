import type { WorkspaceFacts } from '../graph/workspace-facts.js';
import { parseSecretArn, wildcardToRegExp } from '../link/arn.js';
import type { IdentityIndex } from '../link/identity-index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { WorkspaceModel } from '../model/estate.js';
import { nodeId } from '../model/node-id.js';

/**
 * One workspace as incremental ingest keeps it between ingests: its model (the state only until
 * it is linked: then it is dropped, and read again only if it must be re-linked), its facts as
 * extracted (never handed to a builder: builders mutate what they get), and the strings its
 * linkers asked the identity index about.
 */
export interface CachedWorkspace {
  name: string;
  model: WorkspaceModel;
  facts: WorkspaceFacts;
  /** What reading it said, tagged with the workspace. */
  diagnostics: Diagnostic[];
  /** Whether it has a state (a unit of the per-workspace linkers), even after the state is dropped. */
  hasState: boolean;
  /** The identities it gives the index, by node id: what other workspaces' evidence may rest on. */
  identity: Map<string, string>;
  /** Its sensitive outputs and its resource policies' grants: readers' and policies' evidence rests on them. */
  shared: string;
  links?: RecordedLinks;
}

/** What one workspace's linkers asked the identity index to find what they found. */
export interface RecordedLinks {
  /** Hashes of every string looked up in the identity index (and its secret-ARN forms), sorted. */
  asked: Uint32Array;
  /** IAM Resource patterns with wildcards matched against the index. */
  patterns: string[];
}

/**
 * Which cached workspaces must be linked again because what changed (`changed`: read anew or
 * gone, with their previous selves in `before`) may alter the answers their evidence rests on:
 * an identity they asked about, a pattern that now matches another secret, a grant or a
 * sensitive output. `null` means every one.
 */
export function toRelink(
  workspaces: readonly CachedWorkspace[],
  changed: ReadonlySet<string>,
  before: ReadonlyMap<string, CachedWorkspace>,
): Set<string> | null {
  const keys = new Set<number>();
  /** Each ARN that came, went or changed: a pattern's answer changes when it matches one side only. */
  const arns: [string | null, string | null][] = [];
  const now = new Map(workspaces.map((w) => [w.name, w] as const));
  for (const name of changed) {
    const old = before.get(name);
    const cur = now.get(name);
    if ((old?.shared ?? '') !== (cur?.shared ?? '')) return null;
    const ids = new Set([...(old?.identity.keys() ?? []), ...(cur?.identity.keys() ?? [])]);
    for (const id of ids) {
      const a = old?.identity.get(id);
      const b = cur?.identity.get(id);
      if (a === b) continue;
      const was = a === undefined ? null : (JSON.parse(a) as IdentityTuple);
      const is = b === undefined ? null : (JSON.parse(b) as IdentityTuple);
      // A replica answers under other regions' ARNs: rare enough to re-link everything for.
      if ((was?.replicas.length ?? 0) > 0 || (is?.replicas.length ?? 0) > 0) return null;
      for (const k of changedKeys(was, is)) keys.add(hash(k));
      if (was && is && sameScope(was, is)) arns.push([was.arn || null, is.arn || null]);
      else {
        if (was?.arn) arns.push([was.arn, null]);
        if (is?.arn) arns.push([null, is.arn]);
      }
    }
  }
  const out = new Set<string>();
  const patterns = new Map<string, RegExp>();
  for (const w of workspaces) {
    if (changed.has(w.name) || !w.links) {
      out.add(w.name);
      continue;
    }
    if (asks(w.links.asked, keys) || matchesAny(w.links.patterns, arns, patterns)) out.add(w.name);
  }
  return out;
}

/**
 * Whether the index of the previous build answers for this one as it is: the same workspaces in
 * the same order, and those read anew give the same identities, grants and sensitive outputs.
 */
export function sameIdentities(
  workspaces: readonly CachedWorkspace[],
  previous: readonly string[],
  changed: ReadonlySet<string>,
  before: ReadonlyMap<string, CachedWorkspace>,
): boolean {
  if (workspaces.length !== previous.length || workspaces.some((w, i) => w.name !== previous[i]))
    return false;
  for (const w of workspaces) {
    if (!changed.has(w.name)) continue;
    const old = before.get(w.name);
    if (!old || old.shared !== w.shared || old.identity.size !== w.identity.size) return false;
    for (const [id, tuple] of w.identity) if (old.identity.get(id) !== tuple) return false;
  }
  return true;
}

/** The identities a workspace's facts give the index, keyed by node id (as `IdentityIndex.addFacts` reads them). */
export function identitiesOf(name: string, facts: WorkspaceFacts): Map<string, string> {
  const out = new Map<string, string>();
  for (const fact of facts.resources) {
    const a = fact.node;
    if (a.kind === 'data' || !a.type || typeof a.address !== 'string') continue;
    const tuple: IdentityTuple = {
      type: a.type,
      arn: a.arn ?? '',
      name: a.name ?? '',
      aliases: [...fact.aliases],
      replicas: [...(a.secret?.replicaRegions ?? [])],
      account: a.account ?? '',
      region: a.region ?? '',
    };
    out.set(nodeId(name, a.address), JSON.stringify(tuple));
  }
  return out;
}

/** What a workspace shares with the linkers of others beyond identities: sensitive outputs, policy grants. */
export function sharedOf(facts: WorkspaceFacts): string {
  const sensitive = facts.outputs.filter((o) => o.sensitive).map((o) => o.name);
  return JSON.stringify([sensitive.sort(), facts.grants]);
}

interface IdentityTuple {
  type: string;
  arn: string;
  name: string;
  aliases: string[];
  replicas: string[];
  account: string;
  region: string;
}

/**
 * The keys whose answers differ between two versions of one identity: when it stays of the same
 * type, account and region, a key both file it under answers the same (the same producer, in the
 * same scope), so only the keys one of them lacks; else every key of both.
 */
function changedKeys(was: IdentityTuple | null, is: IdentityTuple | null): string[] {
  const a = was ? identityKeys(was) : [];
  const b = is ? identityKeys(is) : [];
  if (!was || !is || !sameScope(was, is)) return [...a, ...b];
  const inA = new Set(a);
  const inB = new Set(b);
  return [...a.filter((k) => !inB.has(k)), ...b.filter((k) => !inA.has(k))];
}

function sameScope(a: IdentityTuple, b: IdentityTuple): boolean {
  return a.type === b.type && a.account === b.account && a.region === b.region;
}

/** Every key the index files an identity under (IdentityIndex.addResource), as strings a consumer could ask. */
function identityKeys(t: IdentityTuple): string[] {
  const keys = [t.arn, t.name, ...t.aliases];
  if (t.name.startsWith('/')) keys.push(t.name.slice(1));
  const secret = t.arn ? parseSecretArn(t.arn) : null;
  if (secret) keys.push(secret.full, secret.withoutSuffix);
  return keys.filter((k) => k !== '');
}

/** The strings an index lookup of `value` goes by: itself and, for a secret's ARN, its forms with and without suffix. */
function askedKeys(value: string, into: Set<number>): void {
  into.add(hash(value));
  if (value.startsWith('arn:') && value.includes(':secretsmanager:')) {
    const secret = parseSecretArn(value);
    if (secret) {
      into.add(hash(secret.full));
      into.add(hash(secret.withoutSuffix));
    }
  }
}

/**
 * The index as one workspace's linkers see it, noting every string they ask about: the same
 * answers, from the same object (its other members are inherited).
 */
export function recordingIndex(
  index: IdentityIndex,
  recorder: { asked: Set<number>; patterns: Set<string> },
): IdentityIndex {
  const view = Object.create(index) as IdentityIndex;
  view.match = (value, scope, service) => {
    askedKeys(value, recorder.asked);
    return index.match(value, scope, service);
  };
  view.existsElsewhere = (value, scope) => {
    askedKeys(value, recorder.asked);
    return index.existsElsewhere(value, scope);
  };
  view.matchPattern = (pattern, services, scope) => {
    if (/[*?]/.test(pattern)) recorder.patterns.add(pattern);
    else askedKeys(pattern, recorder.asked);
    return index.matchPattern(pattern, services, scope);
  };
  return view;
}

function asks(asked: Uint32Array, keys: ReadonlySet<number>): boolean {
  for (const k of keys) {
    let lo = 0;
    let hi = asked.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((asked[mid] as number) < k) lo = mid + 1;
      else hi = mid;
    }
    if (asked[lo] === k) return true;
  }
  return false;
}

function matchesAny(
  patterns: readonly string[],
  arns: readonly [string | null, string | null][],
  cache: Map<string, RegExp>,
): boolean {
  if (arns.length === 0) return false;
  for (const p of patterns) {
    let re = cache.get(p);
    if (!re) {
      re = wildcardToRegExp(p);
      cache.set(p, re);
    }
    for (const [was, is] of arns)
      if ((was !== null && re.test(was)) !== (is !== null && re.test(is))) return true;
  }
  return false;
}

/** FNV-1a, 32 bits: a collision only re-links a workspace that did not need it. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A copy a builder may mutate: it merges findings into node attributes (missing references, a
 * secret's rotation) and clears a reader's copy of sensitive outputs, and the cache must not
 * keep what one build did.
 */
export function cloneFacts(facts: WorkspaceFacts): WorkspaceFacts {
  return {
    ...facts,
    resources: facts.resources.map((r) => ({
      ...r,
      node: r.node.secret ? { ...r.node, secret: { ...r.node.secret } } : { ...r.node },
    })),
    remoteStates: facts.remoteStates.map((r) => ({ ...r, outputs: r.outputs.map((o) => ({ ...o })) })),
  };
}
