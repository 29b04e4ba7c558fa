import { type BuiltGraph, emptyEstateMessage, type LoadedEstate, loadEstate } from '@impact/core/node';

export interface EstateSnapshot {
  built: BuiltGraph;
  source: string;
  ingestedAt: string;
}

export interface IngestStatus {
  state: 'idle' | 'running';
  lastError?: string;
  lastAttemptAt?: string;
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
  ingest(): Promise<boolean>;
}

export interface EstateStoreOptions {
  source: string;
  /** Injected in tests; defaults to core's `loadEstate`. */
  load?: (source: string) => Promise<LoadedEstate>;
  /** Injected in tests; defaults to the wall clock. */
  clock?: () => Date;
  /** Called with each new graph once it is taken (the server starts its findings analysis). */
  onLoaded?: (snapshot: EstateSnapshot) => void;
  /**
   * An ingest not done after this long is given up (default 15 minutes; the 1M-resource estate
   * takes ~25 s): it fails with a reason, the last good graph keeps serving, and the next
   * request starts a fresh ingest instead of joining a stuck one. Its result, should it ever
   * come, is dropped.
   */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export function createEstateStore(options: EstateStoreOptions): EstateStore {
  const load = options.load ?? ((source: string) => loadEstate(source));
  const clock = options.clock ?? (() => new Date());
  let current: EstateSnapshot | null = null;
  let running: Promise<boolean> | null = null;
  let lastError: string | undefined;
  let lastAttemptAt: string | undefined;

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const run = async (): Promise<boolean> => {
    lastAttemptAt = clock().toISOString();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const loaded = await Promise.race([load(options.source), gaveUp]);
      if (loaded === 'timeout') {
        lastError = `the ingest did not finish within ${Math.round(timeoutMs / 1000)} s and was given up`;
        return false;
      }
      if (!loaded.ok) {
        lastError = failureMessage(loaded.diagnostics.map((d) => d.message));
        return false;
      }
      if (loaded.built.stats.workspaces === 0) {
        const errors = loaded.built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
        lastError = failureMessage([emptyEstateMessage(options.source), ...errors]);
        return false;
      }
      current = { built: loaded.built, source: loaded.source, ingestedAt: loaded.ingestedAt };
      lastError = undefined;
      options.onLoaded?.(current);
      return true;
    } catch (error) {
      lastError = failureMessage([error instanceof Error ? error.message : String(error)]);
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    source: options.source,
    current: () => current,
    status: () => ({
      state: running ? 'running' : 'idle',
      ...(lastError !== undefined ? { lastError } : {}),
      ...(lastAttemptAt !== undefined ? { lastAttemptAt } : {}),
    }),
    ingest: () => {
      if (!running) {
        running = run().finally(() => {
          running = null;
        });
      }
      return running;
    },
  };
}

function failureMessage(reasons: string[]): string {
  const shown = reasons.slice(0, 5).join('; ');
  return reasons.length > 5 ? `${shown}; and ${reasons.length - 5} more` : shown || 'ingest failed';
}
