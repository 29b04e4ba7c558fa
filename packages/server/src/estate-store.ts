import {
  type BuiltGraph,
  type EstateIngest,
  emptyEstateMessage,
  type IngestSummary,
  type LoadedEstate,
  loadEstate,
  type SourceStatus,
  type StateVersionRef,
  type VersionTrigger,
} from '@impact/core/node';

export interface EstateSnapshot {
  built: BuiltGraph;
  source: string;
  ingestedAt: string;
  /** The state versions it was built from (empty for a loader, which does not say). */
  states: StateVersionRef[];
}

export interface IngestStatus {
  state: 'idle' | 'running';
  lastError?: string;
  lastAttemptAt?: string;
}

/** What `GET /api/events` sends: a new graph is live, or a poll failed and the last good one stays. */
export type EstateEvent =
  | {
      type: 'graph';
      version: number;
      ingestedAt: string;
      summary?: IngestSummary;
      /** Files the new graph could not use (each an error diagnostic), and the first of them. */
      errors?: { count: number; first: string };
    }
  | { type: 'error'; version: number; message: string; at: string }
  /** The first good poll after failures (nothing changed meanwhile: the graph live is still right). */
  | { type: 'recovered'; version: number; at: string }
  /** The history recorded a version (its number in the store), opening or clearing `alerts` alerts. */
  | { type: 'history'; version: number; alerts: number };

/** Watching: how often the sources are polled, and what the last poll found. */
export interface WatchStatus {
  intervalMs: number;
  lastPollAt?: string;
  lastSummary?: IngestSummary;
}

export interface EstateStore {
  /** Where the estate is read from (a directory or a snapshot file). */
  readonly source: string;
  /** The last good graph, or null before the first successful ingest. */
  current(): EstateSnapshot | null;
  status(): IngestStatus;
  /**
   * (Re-)ingests the estate. Requests made while an ingest runs join it rather than start another.
   * Resolves to whether the new graph was taken; on failure the last good graph keeps serving.
   */
  ingest(trigger?: VersionTrigger): Promise<boolean>;
  /** Counts the graphs taken: 1 after the first ingest, one more each time a new graph is live. */
  version(): number;
  /** Each source's last poll, last change, counts and last error (empty for a bare loader). */
  sources(): SourceStatus[];
  watch(): WatchStatus | null;
  /** Tells every listener of `/api/events` (the history announces the versions it records). */
  announce(event: EstateEvent): void;
  /** Calls `listener` with every event until the returned function is called. */
  subscribe(listener: (event: EstateEvent) => void): () => void;
  /** Stops watching; an ingest under way finishes, and its graph is still taken. */
  close(): void;
}

export interface EstateStoreOptions {
  source: string;
  /** Injected in tests; defaults to core's `loadEstate`. Unused when `estate` is given. */
  load?: (source: string) => Promise<LoadedEstate & { states?: StateVersionRef[] }>;
  /** An incremental ingest over the estate's sources (`@impact/sources` openEstate): reads only what changed. */
  estate?: EstateIngest;
  /** What `source` is, for the status of a store without `estate` (default `directory`). */
  kind?: string;
  /** Poll the sources this often (ms) once the first ingest is done; default: never. */
  watchMs?: number;
  /** Told of every ingest that took a new graph, and of every failure (a watch session's log). */
  onIngest?: (event: EstateEvent & { source: string }) => void;
  /** Injected in tests; defaults to the wall clock. */
  clock?: () => Date;
  /** Called with each new graph once it is taken (the server starts its findings analysis, records history). */
  onLoaded?: (snapshot: EstateSnapshot, trigger: VersionTrigger) => void;
  /**
   * Asked before each poll: false skips it. A server that is not the history's lead polls only
   * when the lead recorded a version it has not seen, so one server reads the sources.
   */
  shouldPoll?: () => Promise<boolean>;
  /**
   * An ingest not done after this long is given up (default 15 minutes; the 1M-resource estate
   * takes ~25 s): it fails with a reason, the last good graph keeps serving, and the next
   * request starts a fresh ingest instead of joining a stuck one. Its result, should it ever
   * come, is dropped.
   */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

type Attempt =
  | {
      ok: true;
      built: BuiltGraph;
      source: string;
      ingestedAt: string;
      changed: boolean;
      summary?: IngestSummary;
      states?: StateVersionRef[];
    }
  | { ok: false; diagnostics: { message: string }[] };

export function createEstateStore(options: EstateStoreOptions): EstateStore {
  const load = options.load ?? ((source: string) => loadEstate(source));
  const estate = options.estate;
  const attempt = async (): Promise<Attempt> => {
    if (estate) return estate.ingest();
    const loaded = await load(options.source);
    return loaded.ok ? { ...loaded, changed: true } : loaded;
  };
  const clock = options.clock ?? (() => new Date());
  let current: EstateSnapshot | null = null;
  let running: Promise<boolean> | null = null;
  let lastError: string | undefined;
  let lastAttemptAt: string | undefined;
  let version = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  /** The failure last told to listeners. */
  let reported: string | undefined;
  const listeners = new Set<(event: EstateEvent) => void>();
  const watch: WatchStatus | null = options.watchMs ? { intervalMs: options.watchMs } : null;
  const emit = (event: EstateEvent) => {
    options.onIngest?.({ ...event, source: options.source });
    for (const listener of listeners) listener(event);
  };

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** An ingest was given up while it ran: what the next one answers is taken, changed or not. */
  let adoptNext = false;

  const run = async (trigger: VersionTrigger): Promise<boolean> => {
    lastAttemptAt = clock().toISOString();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const loaded = await Promise.race([attempt(), gaveUp]);
      if (loaded === 'timeout') {
        lastError = `the ingest did not finish within ${Math.round(timeoutMs / 1000)} s and was given up`;
        // It may still finish, and an incremental ingest patches its graph in place: the next
        // answer is taken whole, even one that says nothing changed since.
        adoptNext = true;
        return false;
      }
      if (!loaded.ok) {
        lastError = failureMessage(loaded.diagnostics.map((d) => d.message));
        return false;
      }
      if (watch) {
        watch.lastPollAt = lastAttemptAt;
        if (loaded.summary) watch.lastSummary = loaded.summary;
      }
      if (!loaded.changed && current && !adoptNext) {
        if (lastError !== undefined) emit({ type: 'recovered', version, at: lastAttemptAt });
        lastError = undefined;
        reported = undefined;
        return true;
      }
      if (loaded.built.stats.workspaces === 0) {
        const errors = loaded.built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
        lastError = failureMessage([emptyEstateMessage(options.source), ...errors]);
        return false;
      }
      adoptNext = false;
      current = {
        built: loaded.built,
        source: loaded.source,
        ingestedAt: loaded.ingestedAt,
        states: loaded.states ?? [],
      };
      version++;
      lastError = undefined;
      reported = undefined;
      options.onLoaded?.(current, trigger);
      const errors = loaded.built.diagnostics.filter((d) => d.severity === 'error');
      const first = errors[0];
      emit({
        type: 'graph',
        version,
        ingestedAt: loaded.ingestedAt,
        ...(loaded.summary ? { summary: loaded.summary } : {}),
        ...(first
          ? {
              errors: {
                count: errors.length,
                first: first.file ? `${first.file}: ${first.message}` : first.message,
              },
            }
          : {}),
      });
      return true;
    } catch (error) {
      lastError = failureMessage([error instanceof Error ? error.message : String(error)]);
      return false;
    } finally {
      clearTimeout(timer);
      // A failure is told once, not at every poll while it lasts.
      if (lastError !== undefined && lastError !== reported) {
        reported = lastError;
        emit({ type: 'error', version, message: lastError, at: lastAttemptAt });
      }
    }
  };

  /** A loader reads its whole estate each time: its one source is the estate itself. */
  const loaderStatus = (): SourceStatus[] => {
    const workspaces = current?.built.stats.workspaces ?? 0;
    return [
      {
        name: options.source,
        kind: options.kind ?? 'directory',
        objects: workspaces,
        workspaces,
        fetched: workspaces,
        ...(lastAttemptAt ? { lastPollAt: lastAttemptAt } : {}),
        ...(current ? { lastChangeAt: current.ingestedAt } : {}),
        ...(lastError !== undefined ? { lastError } : {}),
      },
    ];
  };

  const ingest = (trigger: VersionTrigger) => {
    if (!running) {
      running = run(trigger).finally(() => {
        running = null;
      });
    }
    return running;
  };

  /** Polls one interval after the previous poll ended: polls never overlap, however slow a source is. */
  const schedule = () => {
    if (!watch || closed) return;
    timer = setTimeout(() => {
      const poll = options.shouldPoll ?? (async () => true);
      void poll()
        .catch(() => true)
        .then((yes) => (yes ? ingest('watch') : undefined))
        .finally(schedule);
    }, watch.intervalMs);
    timer.unref();
  };

  return {
    source: options.source,
    current: () => current,
    status: () => ({
      state: running ? 'running' : 'idle',
      ...(lastError !== undefined ? { lastError } : {}),
      ...(lastAttemptAt !== undefined ? { lastAttemptAt } : {}),
    }),
    ingest: (trigger?: VersionTrigger) => {
      const first = version === 0 && !running;
      const result = ingest(trigger ?? (first ? 'start' : 'api'));
      if (first && watch && !timer) void result.finally(schedule);
      return result;
    },
    version: () => version,
    sources: () => estate?.sources() ?? loaderStatus(),
    watch: () => (watch ? { ...watch } : null),
    announce: emit,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      closed = true;
      clearTimeout(timer);
      listeners.clear();
    },
  };
}
function failureMessage(reasons: string[]): string {
  const shown = reasons.slice(0, 5).join('; ');
  return reasons.length > 5 ? `${shown}; and ${reasons.length - 5} more` : shown || 'ingest failed';
}
