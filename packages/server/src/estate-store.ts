import { type BuiltGraph, type LoadedEstate, loadEstate } from '@impact/core/node';

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
}

export function createEstateStore(options: EstateStoreOptions): EstateStore {
  const load = options.load ?? ((source: string) => loadEstate(source));
  const clock = options.clock ?? (() => new Date());
  let current: EstateSnapshot | null = null;
  let running: Promise<boolean> | null = null;
  let lastError: string | undefined;
  let lastAttemptAt: string | undefined;

  const run = async (): Promise<boolean> => {
    lastAttemptAt = clock().toISOString();
    try {
      const loaded = await load(options.source);
      if (!loaded.ok) {
        lastError = failureMessage(loaded.diagnostics.map((d) => d.message));
        return false;
      }
      if (loaded.built.stats.workspaces === 0) {
        const errors = loaded.built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
        lastError = failureMessage(['the estate has no workspaces', ...errors]);
        return false;
      }
      current = { built: loaded.built, source: loaded.source, ingestedAt: loaded.ingestedAt };
      lastError = undefined;
      options.onLoaded?.(current);
      return true;
    } catch (error) {
      lastError = failureMessage([error instanceof Error ? error.message : String(error)]);
      return false;
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
