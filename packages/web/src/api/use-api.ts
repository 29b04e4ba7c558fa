import { useEffect, useRef, useState } from 'react';
import { useEstateRefresh } from './estate-version.js';

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ok'; data: T };

export interface UseApiOptions {
  /** Load again on each recorded version too (`history` events): for history and alerts. */
  history?: boolean;
}

/**
 * Runs `load` whenever `key` changes, and again when a new graph goes live (GET /api/events); a
 * stale answer never overwrites a newer one. On a new graph the page keeps showing what it has
 * until the new answer comes, so it does not flicker.
 */
export function useApi<T>(load: () => Promise<T>, key: string, options: UseApiOptions = {}): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const refresh = useEstateRefresh();
  const count = refresh.count;
  const recorded = options.history ? refresh.history : 0;
  const loadedKey = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything `load` reads
  useEffect(() => {
    let live = true;
    if (loadedKey.current !== key) setValue({ state: 'loading' });
    loadedKey.current = key;
    load().then(
      (data) => live && setValue({ state: 'ok', data }),
      (error: Error) => live && setValue({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [key, count, recorded]);
  return value;
}
