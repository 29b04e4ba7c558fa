import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { type EstateGraph, graphRevision, isLive } from '@impact/core';
import {
  alertDelivery,
  type BuiltGraph,
  CHANGE_LIST_LIMIT,
  clearedAlerts,
  type DeletionAlert,
  deletionAlerts,
  diffEstates,
  type EstateDiff,
  fromSnapshotLines,
  hasDifferences,
  isSourceUrl,
  type StateVersionRef,
  snapshotLines,
  type VersionChanges,
  type VersionRecord,
  type VersionTrigger,
} from '@impact/core/node';
import type { HistoryStore } from '@impact/store';
import { deliverWebhook, type WebhookOptions } from './webhook.js';

/** What one graph taken gives the recorder. */
export interface Taken {
  built: BuiltGraph;
  /** When the ingest saw it. */
  ingestedAt: string;
  states: readonly StateVersionRef[];
  trigger: VersionTrigger;
}

/** What recording did. */
export type RecordOutcome =
  | { recorded: true; version: VersionRecord; opened: DeletionAlert[]; cleared: string[] }
  /**
   * Not the lead (another server records), the graph is the recorded one, or a newer graph came
   * while this one waited its turn (the newer one is recorded, with both changes).
   */
  | { recorded: false; reason: 'follower' | 'unchanged' | 'superseded' };

export interface HistoryRecorder {
  readonly store: HistoryStore;
  /** Records a version of `taken` when it differs from the last one recorded, raises and clears alerts, delivers them. */
  record(taken: Taken): Promise<RecordOutcome>;
  /** Retries deliveries left undone (a webhook that was down, a sender that died). */
  retryDeliveries(): Promise<void>;
  /** Waits for the recording and deliveries under way. */
  idle(): Promise<void>;
}

export interface RecorderOptions {
  store: HistoryStore;
  /** How the estate is named in the versions (a directory, a source URL). */
  estate: string;
  /** Webhook URLs every alert is POSTed to, once each. */
  webhooks?: readonly string[];
  /**
   * Record whether or not this process leads (`impact ingest --store` from CI: one run, serialised
   * with the servers by the store's version lock). Default: only the lead records.
   */
  evenIfFollower?: boolean;
  webhook?: Partial<WebhookOptions>;
  /** One line per version recorded, alert raised or cleared, and delivery that failed. */
  log?: (line: string) => void;
}

/** Alerts looked at by the recorder itself (clearing, retries): far beyond the API's page. */
const ALL_ALERTS = 1_000_000;
/** A delivery still undone is retried while its alert is this recent (or can still be restored). */
const RETRY_FOR_MS = 7 * 86_400_000;

/**
 * Keeps the estate's history (issue 14): each graph taken that differs from the last recorded one
 * becomes a version with what changed; each secret gone from a state that was read raises a
 * deletion alert; each alert whose secret came back clears; every alert is POSTed to each webhook
 * once, across restarts and servers (the store's delivery claims). Only the lead server records.
 * Recording runs one at a time, after the graph is live: it never delays serving it.
 */
/** How a history names its estate: a source URL as given, a directory or snapshot by its absolute path. */
export function estateName(estate: string): string {
  return isSourceUrl(estate) ? estate.replace(/\/+$/, '') : resolve(estate);
}

export function createRecorder(options: RecorderOptions): HistoryRecorder {
  const { store } = options;
  const estate = estateName(options.estate);
  // A `sending` claim older than this is a sender that died; a failed delivery waits this long.
  const staleMs = options.webhook?.retryAfterMs ?? 120_000;
  const webhooks = options.webhooks ?? [];
  const log = options.log ?? (() => {});
  /**
   * The last recorded graph, when this process recorded or loaded it: a copy of a live graph (one
   * the incremental ingest patches in place), and which graph and revision it was taken from.
   */
  let last: {
    version: number;
    built: BuiltGraph;
    states: readonly StateVersionRef[];
    from?: { graph: EstateGraph; revision: number };
  } | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };

  /** The graph the latest recorded version describes: in memory, else the store's baseline. */
  const baseline = async (): Promise<typeof last> => {
    const latest = await store.latestVersion();
    if (latest === 0) return null;
    if (last?.version === latest) return last;
    const stored = await store.baseline();
    const record = await store.version(latest);
    if (!stored || stored.version !== latest || !record) return null;
    const lines = createInterface({
      input: Readable.from([stored.snapshot]).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    const loaded = await fromSnapshotLines(lines, `baseline of version ${latest}`);
    if (!loaded.ok) {
      log(
        `history: the baseline of version ${latest} cannot be read (${loaded.diagnostic.message}); comparing with nothing`,
      );
      return null;
    }
    last = { version: latest, built: loaded.built, states: record.states };
    return last;
  };

  /**
   * A webhook as the store knows it: a keyed digest of its URL, so the store never holds a Slack
   * path or a `?token=` (the same key as the value digests, shared by every server of the store).
   */
  let targetKey: ((url: string) => string) | null = null;
  const keyOf = async (url: string): Promise<string> => {
    if (!targetKey) {
      const key = await store.digestKey();
      targetKey = (u) => `hook:${createHmac('sha256', key).update(u).digest('hex').slice(0, 32)}`;
    }
    return targetKey(url);
  };

  /**
   * Sends one event of one alert to every webhook that has not had it: claimed first, so one
   * process across the store sends it. `attempts` per webhook (the first send retries with backoff;
   * a later retry tries once, and again at a later poll).
   */
  const deliver = async (alert: DeletionAlert, cleared?: { reason: string }, attempts?: number) => {
    const payload = alertDelivery(alert, cleared);
    for (const url of webhooks) {
      const key = { alertId: alert.id, event: payload.event, target: await keyOf(url) };
      if (!(await store.claimDelivery(key, staleMs))) continue;
      const outcome = await deliverWebhook(url, payload, {
        ...options.webhook,
        ...(attempts !== undefined ? { attempts } : {}),
      });
      const before = (await store.deliveries(alert.id)).find(
        (d) => d.event === key.event && d.target === key.target,
      );
      await store.finishDelivery(key, {
        ...outcome,
        attempts: Math.max(outcome.attempts, (before?.attempts ?? 0) + outcome.attempts),
      });
      if (!outcome.ok)
        log(
          `history: ${payload.event} ${alert.id} not delivered to ${targetLabel(url)} after ${outcome.attempts} attempt(s): ${outcome.error}; tried again later`,
        );
    }
  };

  /** The newest graph handed in: a recording still waiting for an older one is skipped for it. */
  let newest: Taken | null = null;
  const record = (handed: Taken) => {
    newest = handed;
    const source = handed.built.graph;
    const revision = graphRevision(source);
    return serial(async (): Promise<RecordOutcome> => {
      // On a large estate a recording takes a while (a minute at a million resources): graphs
      // taken meanwhile are not queued up one by one, only the newest is recorded.
      if (newest !== handed) return { recorded: false, reason: 'superseded' };
      if (!(await store.tryLead()) && !options.evenIfFollower) return { recorded: false, reason: 'follower' };
      // A live graph patched since it was handed in is a newer graph, handed in after it.
      if (newest !== handed || graphRevision(source) !== revision)
        return { recorded: false, reason: 'superseded' };
      if (last?.from?.graph === source && last.from.revision === revision)
        return { recorded: false, reason: 'unchanged' };
      // What the graph holds now, kept while the next patches change the live one (synchronously
      // here: no patch lands between the check above and the copy).
      const taken = isLive(source)
        ? { ...handed, built: { ...handed.built, graph: copyGraph(source) } }
        : handed;
      const base = await baseline();
      if (base && base.built === taken.built) return { recorded: false, reason: 'unchanged' };
      // Both graphs' digests were made with the store's key: a changed value is said (never shown).
      const diff = base ? diffEstates(base.built, taken.built, { compareValues: true }) : null;
      if (base && diff && !hasDifferences(diff) && sameStates(base.states, taken.states))
        return { recorded: false, reason: 'unchanged' };
      const version = (await store.latestVersion()) + 1;
      const alerts =
        base && diff
          ? deletionAlerts(base.built, taken.built, diff, {
              version,
              observedAt: taken.ingestedAt,
              states: taken.states,
            })
          : [];
      const snapshot = await gzipLines(snapshotLines(taken.built, estate));
      const recorded = await store.recordVersion(
        {
          recordedAt: new Date().toISOString(),
          trigger: taken.trigger,
          estate,
          totals: totalsOf(taken.built),
          states: [...taken.states],
          changes: diff ? capped(diff) : null,
        },
        snapshot,
      );
      last = {
        version: recorded.version,
        built: taken.built,
        states: taken.states,
        from: { graph: source, revision },
      };
      const opened: DeletionAlert[] = [];
      for (const alert of alerts) {
        const fresh = { ...alert, version: recorded.version };
        if (await store.openAlert(fresh)) opened.push(fresh);
      }
      const open = await store.alerts({ status: 'open', limit: ALL_ALERTS });
      const cleared = clearedAlerts(open, taken.built);
      const clearedIds: string[] = [];
      for (const c of cleared) {
        if (
          await store.clearAlert(c.id, { at: taken.ingestedAt, version: recorded.version, reason: c.reason })
        )
          clearedIds.push(c.id);
      }
      const events = recorded.changes?.summary.secretEvents ?? 0;
      log(
        `history: version ${recorded.version} recorded (${taken.trigger})${recorded.changes ? `: ${describe(recorded.changes)}` : ': the first, nothing to compare with'}${events ? `, ${events} secret event(s)` : ''}`,
      );
      for (const alert of opened) {
        log(
          `history: ALERT ${alert.kind} ${alert.secret.name ?? alert.secret.id} (${alert.secret.workspace}): ${alert.recoverability}`,
        );
        await deliver(alert);
      }
      for (const id of clearedIds) {
        const alert = open.find((a) => a.id === id);
        const reason = cleared.find((c) => c.id === id)?.reason ?? 'restored';
        log(`history: alert ${id} cleared: ${reason}`);
        if (alert) await deliver(alert, { reason });
      }
      return { recorded: true, version: recorded, opened, cleared: clearedIds };
    });
  };

  /**
   * Every recent alert's event (its opening, or its clearing once cleared) that some webhook has not
   * had — a send that failed, or one never claimed (a process that stopped between recording an
   * alert and sending it): claimed and tried once more. The store's claims space the retries of a
   * failed one and stop them for good after a refusal or many attempts.
   */
  /** The retry waiting its turn, if any: polls that come meanwhile join it rather than queue more. */
  let retrying: Promise<void> | null = null;
  const retryDeliveries = () => {
    retrying ??= serial(async () => {
      retrying = null;
      if (webhooks.length === 0 || !(await store.tryLead())) return;
      const now = Date.now();
      for (const alert of await store.alerts({ status: 'all', limit: ALL_ALERTS })) {
        const at = Date.parse(alert.cleared?.at ?? alert.observedAt);
        const restorable = alert.restoreBefore !== null && Date.parse(alert.restoreBefore) > now;
        if (!restorable && now - at > RETRY_FOR_MS) continue;
        await deliver(alert, alert.cleared ? { reason: alert.cleared.reason } : undefined, 1);
      }
    });
    return retrying ?? Promise.resolve();
  };

  return { store, record, retryDeliveries, idle: () => serial(async () => {}) };
}

/**
 * The graph's snapshot lines, gzipped as they come: one string of a million-resource graph would
 * pass V8's string limit. The fastest level: a third of the default's time for a few percent more bytes.
 */
/** A copy of a graph as it is now: its attributes' objects are shared, and a patch replaces them, never writes into them. */
function copyGraph(graph: EstateGraph): EstateGraph {
  return graph.copy() as EstateGraph;
}

async function gzipLines(lines: Iterable<string>): Promise<Buffer> {
  const gzip = createGzip({ level: 1 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  let batch: string[] = [];
  let size = 0;
  for (const line of lines) {
    batch.push(line);
    size += line.length;
    if (size >= 1 << 20) {
      if (!gzip.write(`${batch.join('\n')}\n`)) await once(gzip, 'drain');
      batch = [];
      size = 0;
    }
  }
  gzip.end(batch.join('\n'));
  await ended;
  return Buffer.concat(chunks);
}

function sameStates(a: readonly StateVersionRef[], b: readonly StateVersionRef[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => s.workspace === b[i]?.workspace && s.version === b[i]?.version);
}

function totalsOf(built: BuiltGraph): VersionRecord['totals'] {
  let resources = 0;
  built.graph.forEachNode((_id, n) => {
    if (n.kind !== 'workspace' && n.kind !== 'output') resources++;
  });
  return { workspaces: built.stats.workspaces, resources, edges: built.graph.size };
}

/** The diff with its id lists cut at {@link CHANGE_LIST_LIMIT}; the counts stay whole. */
function capped(diff: EstateDiff): VersionChanges {
  const truncated: string[] = [];
  const cut = <T>(name: string, list: T[]): T[] => {
    if (list.length <= CHANGE_LIST_LIMIT) return list;
    truncated.push(name);
    return list.slice(0, CHANGE_LIST_LIMIT);
  };
  return {
    summary: diff.summary,
    workspaces: {
      added: cut('workspaces.added', diff.workspaces.added),
      removed: cut('workspaces.removed', diff.workspaces.removed),
    },
    resources: {
      added: cut('resources.added', diff.resources.added),
      removed: cut('resources.removed', diff.resources.removed),
      changed: cut('resources.changed', diff.resources.changed),
    },
    edges: { added: cut('edges.added', diff.edges.added), removed: cut('edges.removed', diff.edges.removed) },
    ...(truncated.length > 0 ? { truncated } : {}),
    secretEvents: diff.secretEvents,
  };
}

function describe(changes: VersionChanges): string {
  const s = changes.summary;
  return `workspaces +${s.workspacesAdded} -${s.workspacesRemoved}, resources +${s.resourcesAdded} -${s.resourcesRemoved} ~${s.resourcesChanged}, edges +${s.edgesAdded} -${s.edgesRemoved}`;
}

/** A webhook named in logs and answers: scheme, host and path, never a query (tokens live there) nor credentials. */
export function targetLabel(target: string): string {
  try {
    const url = new URL(target);
    return `${url.protocol}//${url.host}${url.pathname.length > 1 ? '/…' : ''}`;
  } catch {
    return 'an invalid URL';
  }
}
