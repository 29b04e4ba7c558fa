import type { BuiltGraph } from '../graph/build-graph.js';
import type { EstateGraph } from '../graph/estate-graph.js';
import { perRevision } from '../graph/graph-revision.js';
import type { NodeAttributes, SecretFacts } from '../model/graph-types.js';
import { consumersOf } from '../rules/consumers.js';

/** The version of the diff document; a consumer refuses a major it does not know. */
export const ESTATE_DIFF_FORMAT = '1.0';

/** What happened to a secret, parameter or key between two ingests, most serious first. */
export const SecretEventKind = {
  deleted: 'deleted',
  replaced: 'replaced',
  recovery_window_changed: 'recovery_window_changed',
  rotation_disabled: 'rotation_disabled',
  consumers_lost: 'consumers_lost',
  created: 'created',
  rotation_enabled: 'rotation_enabled',
  /** The value changed (a rotation, a new version): said only when both graphs' digests share a key. */
  value_changed: 'value_changed',
  consumers_gained: 'consumers_gained',
} as const;
export type SecretEventKind = (typeof SecretEventKind)[keyof typeof SecretEventKind];

const EVENT_ORDER: readonly SecretEventKind[] = Object.values(SecretEventKind);

/** Identity of a secret-like node: names and ARNs only, never a value nor a digest of one. */
export interface SecretIdentity {
  id: string;
  workspace: string;
  address: string | null;
  service: SecretFacts['service'];
  type?: string;
  name?: string;
  arn?: string;
  account?: string;
  region?: string;
}

interface EventBase {
  event: SecretEventKind;
  /** The secret as it is in the new graph (in the old one for `deleted`). */
  secret: SecretIdentity;
}

export type SecretEvent =
  | (EventBase & { event: 'created' })
  | (EventBase & {
      event: 'deleted';
      /** The old graph's recovery window: whether the secret can still be restored. */
      recoveryWindowDays?: number;
      /** Its consumers in the old graph (node ids). */
      consumers: string[];
    })
  | (EventBase & {
      event: 'replaced';
      /** The old node: the same id, or the same name, account and region, with another ARN. */
      previous: { id: string; arn?: string };
      matchedBy: 'id' | 'name';
    })
  | (EventBase & { event: 'recovery_window_changed'; from?: number; to?: number })
  | (EventBase & { event: 'rotation_disabled' | 'rotation_enabled' | 'value_changed' })
  | (EventBase & { event: 'consumers_gained' | 'consumers_lost'; consumers: string[] });

export interface ChangedResource {
  id: string;
  /** Names of the identity attributes that differ (never their values). */
  fields: string[];
}

export interface EstateDiff {
  formatVersion: typeof ESTATE_DIFF_FORMAT;
  summary: {
    workspacesAdded: number;
    workspacesRemoved: number;
    resourcesAdded: number;
    resourcesRemoved: number;
    resourcesChanged: number;
    edgesAdded: number;
    edgesRemoved: number;
    secretEvents: number;
  };
  secretEvents: SecretEvent[];
  workspaces: { added: string[]; removed: string[] };
  resources: { added: string[]; removed: string[]; changed: ChangedResource[] };
  edges: { added: string[]; removed: string[] };
}

/** Whether a diff found any difference at all. */
export function hasDifferences(diff: EstateDiff): boolean {
  return Object.values(diff.summary).some((n) => n > 0);
}

/**
 * The non-secret attributes whose change is a change of the resource, by name. A value's digest
 * (`secret.valueDigest`) is absent: whether a value changed is the `value_changed` event, said only when
 * both graphs' digests share a key (`compareValues`).
 */
const COMPARED: readonly [string, (a: NodeAttributes) => unknown][] = [
  ['kind', (a) => a.kind],
  ['type', (a) => a.type],
  ['arn', (a) => a.arn],
  ['name', (a) => a.name],
  ['account', (a) => a.account],
  ['region', (a) => a.region],
  ['provider', (a) => a.provider],
  ['secret.service', (a) => a.secret?.service],
  ['secret.recoveryWindowDays', (a) => a.secret?.recoveryWindowDays],
  ['secret.rotation.enabled', (a) => a.secret?.rotation?.enabled],
  ['secret.rotation.lambdaArn', (a) => a.secret?.rotation?.lambdaArn],
  ['secret.rotation.days', (a) => a.secret?.rotation?.days],
  ['secret.rotation.schedule', (a) => a.secret?.rotation?.schedule],
  ['secret.kmsKeyId', (a) => a.secret?.kmsKeyId],
  ['secret.managedBy', (a) => a.secret?.managedBy],
  ['secret.replicaRegions', (a) => a.secret?.replicaRegions?.join(',')],
  ['secret.parameterType', (a) => a.secret?.parameterType],
  ['secret.valueInState', (a) => a.secret?.valueInState],
  ['secret.writeOnly', (a) => a.secret?.writeOnly],
  ['schedule.expression', (a) => a.schedule?.expression],
  ['schedule.timezone', (a) => a.schedule?.timezone],
  ['schedule.enabled', (a) => a.schedule?.enabled],
];

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isResource(a: NodeAttributes): boolean {
  return a.kind !== 'workspace' && a.kind !== 'output';
}

/**
 * What changed from one built estate to the next: workspaces, resources and edges added or
 * removed, resources whose identity changed, and the lifecycle of every secret, parameter and
 * KMS key (created, deleted, replaced, recovery window, rotation, consumers). Pure and
 * deterministic: every list is sorted. Only ids, names, ARNs and allowlisted facts appear —
 * never a value or a value's digest. The basis of issue 14's history and deletion watch.
 */
export interface DiffOptions {
  /**
   * Both graphs' value digests were made with one key (a history store's): a secret whose digest
   * changed gets a `value_changed` event. Never set for graphs of two processes without a store:
   * their digests never compare. Neither digest appears in the diff.
   */
  compareValues?: boolean;
}

export function diffEstates(old: BuiltGraph, next: BuiltGraph, options: DiffOptions = {}): EstateDiff {
  const a = old.graph;
  const b = next.graph;
  const workspaces = addedRemoved(a, b, (n) => n.kind === 'workspace');
  const resources = addedRemoved(a, b, isResource);
  const changed: ChangedResource[] = [];
  b.forEachNode((id, after) => {
    if (!isResource(after) || !a.hasNode(id)) return;
    const before = a.getNodeAttributes(id);
    const fields = COMPARED.filter(([, get]) => get(before) !== get(after)).map(([name]) => name);
    if (fields.length > 0) changed.push({ id, fields });
  });
  changed.sort((x, y) => byText(x.id, y.id));
  const edges = {
    added: b.filterEdges((key) => !a.hasEdge(key)).sort(byText),
    removed: a.filterEdges((key) => !b.hasEdge(key)).sort(byText),
  };
  const secretEvents = secretLifecycle(a, b, options.compareValues === true);
  return {
    formatVersion: ESTATE_DIFF_FORMAT,
    summary: {
      workspacesAdded: workspaces.added.length,
      workspacesRemoved: workspaces.removed.length,
      resourcesAdded: resources.added.length,
      resourcesRemoved: resources.removed.length,
      resourcesChanged: changed.length,
      edgesAdded: edges.added.length,
      edgesRemoved: edges.removed.length,
      secretEvents: secretEvents.length,
    },
    secretEvents,
    workspaces,
    resources: { ...resources, changed },
    edges,
  };
}

function addedRemoved(
  a: EstateGraph,
  b: EstateGraph,
  keep: (n: NodeAttributes) => boolean,
): { added: string[]; removed: string[] } {
  return {
    added: b.filterNodes((id, n) => keep(n) && !a.hasNode(id)).sort(byText),
    removed: a.filterNodes((id, n) => keep(n) && !b.hasNode(id)).sort(byText),
  };
}

function identityOf(id: string, n: NodeAttributes & { secret: SecretFacts }): SecretIdentity {
  return {
    id,
    workspace: n.workspace,
    address: n.address,
    service: n.secret.service,
    ...(n.type !== undefined ? { type: n.type } : {}),
    ...(n.name !== undefined ? { name: n.name } : {}),
    ...(n.arn !== undefined ? { arn: n.arn } : {}),
    ...(n.account !== undefined ? { account: n.account } : {}),
    ...(n.region !== undefined ? { region: n.region } : {}),
  };
}

type SecretNode = NodeAttributes & { secret: SecretFacts };

function secrets(graph: EstateGraph): Map<string, SecretNode> {
  const out = new Map<string, SecretNode>();
  graph.forEachNode((id, n) => {
    if (n.secret && n.kind === 'resource') out.set(id, n as SecretNode);
  });
  return out;
}

/** Where AWS knows a secret by name: a name is unique per service, account and region. */
function nameKey(n: SecretNode): string | undefined {
  return n.name === undefined
    ? undefined
    : `${n.secret.service}|${n.account ?? ''}|${n.region ?? ''}|${n.name}`;
}

/** Name keys held by exactly one node of `nodes` (a key several share matches nothing). */
function uniqueByName(nodes: Iterable<[string, SecretNode]>): Map<string, string> {
  const seen = new Map<string, string | null>();
  for (const [id, n] of nodes) {
    const key = nameKey(n);
    if (key !== undefined) seen.set(key, seen.has(key) ? null : id);
  }
  return new Map([...seen].filter((e): e is [string, string] => e[1] !== null));
}

/**
 * Consumer ids per graph and revision: a history compares each graph twice (as the new one, then
 * as the old one), and an incremental ingest may patch a graph in place in between.
 */
const consumerCache = new WeakMap<EstateGraph, { revision: number; value: Map<string, string[]> }>();

function consumerIds(graph: EstateGraph, id: string): string[] {
  const cache = perRevision(consumerCache, graph, () => new Map<string, string[]>());
  let ids = cache.get(id);
  if (!ids) {
    ids = [...new Set(consumersOf(graph, id).map((c) => c.id))].sort(byText);
    cache.set(id, ids);
  }
  return ids;
}

function rotationOn(n: SecretNode): boolean {
  return n.secret.rotation?.enabled === true;
}

function secretLifecycle(a: EstateGraph, b: EstateGraph, compareValues: boolean): SecretEvent[] {
  const olds = secrets(a);
  const news = secrets(b);
  const events: SecretEvent[] = [];
  // Pairs of (old id, new id) that are one secret: the same node id, or, for a node that went
  // and another that came, the same name in the same account and region.
  const pairs: [string, string, 'id' | 'name'][] = [];
  for (const id of olds.keys()) if (news.has(id)) pairs.push([id, id, 'id']);
  const gone = [...olds].filter(([id]) => !news.has(id));
  const came = [...news].filter(([id]) => !olds.has(id));
  const cameByName = uniqueByName(came);
  const goneByName = uniqueByName(gone);
  const paired = new Set<string>();
  for (const [key, oldId] of goneByName) {
    const newId = cameByName.get(key);
    if (newId === undefined) continue;
    pairs.push([oldId, newId, 'name']);
    paired.add(oldId).add(newId);
  }
  for (const [id, n] of gone) {
    if (paired.has(id)) continue;
    events.push({
      event: 'deleted',
      secret: identityOf(id, n),
      ...(n.secret.recoveryWindowDays !== undefined
        ? { recoveryWindowDays: n.secret.recoveryWindowDays }
        : {}),
      consumers: consumerIds(a, id),
    });
  }
  for (const [id, n] of came)
    if (!paired.has(id)) events.push({ event: 'created', secret: identityOf(id, n) });
  for (const [oldId, newId, matchedBy] of pairs) {
    const was = olds.get(oldId) as SecretNode;
    const is = news.get(newId) as SecretNode;
    const secret = identityOf(newId, is);
    if (was.arn !== undefined && is.arn !== undefined && was.arn !== is.arn) {
      events.push({
        event: 'replaced',
        secret,
        previous: { id: oldId, arn: was.arn },
        matchedBy,
      });
    }
    const from = was.secret.recoveryWindowDays;
    const to = is.secret.recoveryWindowDays;
    if (from !== to) {
      events.push({
        event: 'recovery_window_changed',
        secret,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
    }
    if (rotationOn(was) !== rotationOn(is))
      events.push({ event: rotationOn(is) ? 'rotation_enabled' : 'rotation_disabled', secret });
    const digestBefore = was.secret.valueDigest;
    const digestNow = is.secret.valueDigest;
    if (compareValues && digestBefore !== undefined && digestNow !== undefined && digestBefore !== digestNow)
      events.push({ event: 'value_changed', secret });
    const consumersBefore = consumerIds(a, oldId);
    const consumersAfter = consumerIds(b, newId);
    const stay = new Set(consumersAfter);
    const were = new Set(consumersBefore);
    const lost = consumersBefore.filter((c) => !stay.has(c));
    const gained = consumersAfter.filter((c) => !were.has(c));
    if (lost.length > 0) events.push({ event: 'consumers_lost', secret, consumers: lost });
    if (gained.length > 0) events.push({ event: 'consumers_gained', secret, consumers: gained });
  }
  return events.sort(
    (x, y) => EVENT_ORDER.indexOf(x.event) - EVENT_ORDER.indexOf(y.event) || byText(x.secret.id, y.secret.id),
  );
}
