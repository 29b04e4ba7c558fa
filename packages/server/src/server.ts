import { stat } from 'node:fs/promises';
import {
  type BuiltGraph,
  directoryProvider,
  emptyEstateMessage,
  isSourceUrl,
  listManifest,
  loadEstate,
  type StateVersionRef,
  useDigestKey,
  type VersionTrigger,
} from '@impact/core/node';
import { openEstate } from '@impact/sources';
import { type HistoryStore, openStore, StoreError, StoreFailure } from '@impact/store';
import type { FastifyServerOptions } from 'fastify';
import { createApp } from './app.js';
import { DEFAULT_ESTATE } from './default-paths.js';
import { apiError } from './errors.js';
import { createEstateStore, type EstateEvent } from './estate-store.js';
import { createRecorder, type HistoryRecorder } from './history/recorder.js';
import type { WebhookOptions } from './history/webhook.js';
import { isLoopback } from './is-loopback.js';
import { estateAnalysis } from './views/estate-findings.js';

export interface ServerOptions {
  /** Estate directory or snapshot file; default the repository's `fixtures/estate` (none when packaged). */
  estate?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Bearer token; required to bind beyond loopback. */
  token?: string;
  /** More `Host` names to answer for (`--allowed-host`): `name` for any port, `name:port` for one. */
  allowedHosts?: readonly string[];
  webRoot?: string | null;
  /** Default: JSON lines on stderr for requests that fail with 5xx (register-error-handling); false for none. */
  logger?: FastifyServerOptions['logger'];
  /** Ingest worker threads when the estate is a directory (core's `loadEstate`; default 0). */
  workers?: number;
  /** Requests per IP and window (default 600 a minute; health is never limited). */
  rateLimit?: { max: number; timeWindow: number | string };
  /** A directory without manifest mirrors this S3 bucket (`--bucket`). */
  bucket?: string;
  /** Poll the estate's sources this often (ms), re-ingesting what changed (`--watch`); default off. */
  watchMs?: number;
  /** One line per graph taken and per failed ingest (a watch session's log); default none. */
  log?: (line: string) => void;
  /** Environment for the sources' credentials and endpoints (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /**
   * Where the estate's history is kept (`--store`): a directory (embedded, created if missing) or
   * a `postgres://` URL shared by several servers. Default none: the CLI passes `.impact/`.
   */
  store?: string;
  /**
   * `store` is a default the user did not ask for (`impact serve` without `--store`): when another
   * process holds it, serve without history and say so in the log, rather than refuse to start.
   */
  storeOptional?: boolean;
  /** URLs each deletion alert is POSTed to, once (`--alert-webhook`); needs `store`. */
  alertWebhooks?: readonly string[];
  /** Retries and timeouts of the webhook deliveries (tests shorten them). */
  webhook?: Partial<WebhookOptions>;
}

export interface RunningServer {
  url: string;
  /** Where the history is kept, or null when none is (no store, or the default one was held by another process). */
  history: { kind: 'embedded' | 'postgres'; location: string } | null;
  close: () => Promise<void>;
}

/** How long closing waits for requests in flight before it cuts the connections left. */
const CLOSE_GRACE_MS = 2_000;

/** Loads the estate, then listens. Throws a coded error (TOKEN_REQUIRED, ESTATE_LOAD_FAILED) instead of serving unsafely or empty. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === '' ? undefined : options.token;
  if (!isLoopback(host) && token === undefined)
    throw apiError(
      'TOKEN_REQUIRED',
      `refusing to listen on ${host} without a token: set IMPACT_TOKEN, or bind 127.0.0.1`,
    );
  const workers = options.workers ?? 0;
  const source = options.estate ?? DEFAULT_ESTATE;
  if (source === undefined)
    throw apiError('ESTATE_LOAD_FAILED', 'no estate: pass --estate <dir|snapshot|url> or set IMPACT_ESTATE');
  // Sources are always read incrementally; so is a watched directory or snapshot (each poll reads only
  // what changed). An unwatched directory is read in full, as fast as it can be: its incremental first
  // ingest also records what a re-ingest needs (see the benchmark), which only pays when it is re-ingested.
  const incremental = isSourceUrl(source) || (await namesSources(source)) || options.watchMs !== undefined;
  const opened = incremental
    ? await openEstate(source, {
        ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
        ...(options.env ? { env: options.env } : {}),
      })
    : null;
  if (opened && !opened.ok)
    throw apiError(
      'ESTATE_LOAD_FAILED',
      `cannot load the estate at ${source}: ${opened.diagnostics.map((d) => d.message).join('; ')}`,
    );
  const log = options.log;
  let history: HistoryStore | null = null;
  if (options.store !== undefined) {
    try {
      history = await openStore(options.store);
    } catch (error) {
      // Alerts asked for need their store: without it they would silently not be sent.
      const optional = options.storeOptional && (options.alertWebhooks ?? []).length === 0;
      if (!(optional && error instanceof StoreError && error.failure === StoreFailure.locked))
        throw apiError('STORE_FAILED', `cannot open the history store: ${(error as Error).message}`);
      log?.(`${new Date().toISOString()} no history kept by this server: ${error.message}`);
    }
    // Value digests compare across versions and servers: they share the store's key.
    if (history) useDigestKey(await history.digestKey());
  }
  const recorder: HistoryRecorder | null = history
    ? createRecorder({
        store: history,
        estate: source,
        webhooks: options.alertWebhooks ?? [],
        ...(options.webhook ? { webhook: options.webhook } : {}),
        ...(log ? { log: (line: string) => log(`${new Date().toISOString()} ${line}`) } : {}),
      })
    : null;
  /** The latest version this server has seen recorded (a follower re-reads the sources when the lead records one). */
  let seen = history ? await history.latestVersion() : 0;
  /**
   * The graph live may not be recorded: recording failed (the store was unreachable), or another
   * server led when it was taken. Recorded at the next poll this server leads, so no change is lost.
   */
  let unrecorded = false;
  let led = false;
  const recordLive = (
    recorder: HistoryRecorder,
    taken: { built: BuiltGraph; ingestedAt: string; states: StateVersionRef[]; trigger: VersionTrigger },
  ) => {
    recorder
      .record(taken)
      .then(async (outcome) => {
        unrecorded = !outcome.recorded && outcome.reason === 'follower';
        if (outcome.recorded) {
          seen = outcome.version.version;
          store.announce({
            type: 'history',
            version: outcome.version.version,
            alerts: outcome.opened.length + outcome.cleared.length,
          });
        } else if (outcome.reason === 'follower' && history) {
          const latest = await history.latestVersion();
          if (latest > 0) store.announce({ type: 'history', version: latest, alerts: 0 });
        }
      })
      .catch((error: unknown) => {
        unrecorded = true;
        log?.(
          `${new Date().toISOString()} history: recording failed (${(error as Error).message}); tried again at the next poll`,
        );
      });
  };
  const kind = (await stat(source).catch(() => null))?.isFile() ? 'snapshot' : 'directory';
  const store = createEstateStore({
    source,
    kind,
    ...(opened?.ok ? { estate: opened.ingest } : {}),
    load: async (dir) => {
      const loaded = await loadEstate(dir, {
        workers,
        ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
      });
      // A history dates a change by its state's modification time: listed (names, sizes, times;
      // nothing read again) only when there is a history to record, off the full ingest's path.
      return loaded.ok && history && kind === 'directory'
        ? { ...loaded, states: await listStates(dir) }
        : loaded;
    },
    ...(options.watchMs ? { watchMs: options.watchMs } : {}),
    // A watch session logs each graph taken and each failed poll; the history logs what it records.
    ...(log && options.watchMs
      ? { onIngest: (event) => event.type !== 'history' && log(ingestLine(event)) }
      : {}),
    // Findings and secret consumer counts are worked out in the background, between requests,
    // so the dashboard's first visit to them does not wait (seconds on a million resources).
    onLoaded: ({ built, ingestedAt, states }, trigger) => {
      estateAnalysis(built.graph).catch(() => {});
      if (!recorder) return;
      recordLive(recorder, { built, ingestedAt, states, trigger });
    },
    ...(history && recorder
      ? {
          // One server reads the sources: the lead. The others re-read them when it records a version.
          shouldPoll: async () => {
            const h = history as HistoryStore;
            if (await h.tryLead()) {
              const current = store.current();
              // Just became the lead, or the last recording failed: the graph live is recorded now.
              if ((unrecorded || !led) && current) recordLive(recorder, { ...current, trigger: 'watch' });
              led = true;
              // Off the poll's path: a webhook that is down delays neither the poll nor the graph.
              void recorder.retryDeliveries().catch(() => {});
              return true;
            }
            led = false;
            const latest = await h.latestVersion();
            if (latest <= seen) return false;
            seen = latest;
            return true;
          },
        }
      : {}),
  });
  if (!(await store.ingest())) {
    store.close();
    await history?.close();
    const reason = store.status().lastError ?? 'unknown reason';
    // An empty estate is said in the same words by every command.
    throw apiError(
      'ESTATE_LOAD_FAILED',
      reason.startsWith(emptyEstateMessage(store.source))
        ? reason
        : `cannot load the estate at ${store.source}: ${reason}`,
    );
  }
  const app = createApp({
    store,
    history: recorder,
    ...(token !== undefined ? { token } : {}),
    ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
    logger: options.logger ?? { level: 'error', stream: process.stderr },
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    hosts: { bind: host, extra: options.allowedHosts ?? [] },
  });
  await app.listen({ host, port: options.port ?? 7300 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 7300);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    history: history ? { kind: history.kind, location: history.location } : null,
    close: async () => {
      store.close();
      // Requests in flight get a moment to finish; then every connection still open is cut, so a
      // client that holds one (a browser's event stream, reconnecting) cannot keep the server up.
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      cut.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
      if (recorder && history) {
        await recorder.idle();
        await history.resign().catch(() => {});
        await history.close();
      }
    },
  };
}

/** Each state of a directory with its version and modification time, as the incremental ingest lists them. */
async function listStates(dir: string): Promise<StateVersionRef[]> {
  const listing = await directoryProvider(dir)
    .list()
    .catch(() => null);
  if (!listing) return [];
  return listing.items
    .map((item) => ({
      workspace: item.name,
      version: item.version,
      ...(item.updated !== undefined ? { updated: item.updated } : {}),
    }))
    .sort((a, b) => (a.workspace < b.workspace ? -1 : a.workspace > b.workspace ? 1 : 0));
}

async function namesSources(estate: string): Promise<boolean> {
  return (await listManifest(estate, [])).sources.length > 0;
}

/** A watch session's log line: what changed and how long it took, or why the last good graph stays. */
function ingestLine(event: EstateEvent & { source: string }): string {
  const at = new Date().toISOString();
  if (event.type === 'error')
    return `${at} ingest of ${event.source} failed, graph v${event.version} keeps serving: ${event.message}`;
  if (event.type === 'recovered')
    return `${at} ${event.source} reads again; nothing changed meanwhile, graph v${event.version} stays`;
  if (event.type === 'history')
    return `${at} history version ${event.version} recorded${event.alerts ? `, ${event.alerts} alert(s) opened or cleared` : ''}`;
  const s = event.summary;
  if (!s) return `${at} graph v${event.version} live (ingested ${event.ingestedAt})`;
  const errors = event.errors
    ? `; ${event.errors.count} file${event.errors.count === 1 ? '' : 's'} not used (${event.errors.first}${event.errors.count > 1 ? ', …' : ''}: see /api/diagnostics)`
    : '';
  return `${at} graph v${event.version} live: ${s.workspaces} workspaces, ${s.fetched} read, ${s.reused} kept, ${s.relinked} re-linked${s.reread ? ` (${s.reread} read again)` : ''}${s.removed ? `, ${s.removed} gone` : ''}, ${s.patched ? 'patched in place' : 'built'} in ${s.ms} ms${errors}`;
}
