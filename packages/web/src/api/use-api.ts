import { useEffect, useState } from 'react';

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ok'; data: T };

/** Runs `load` whenever `key` changes; a stale answer never overwrites a newer one. */
export function useApi<T>(load: () => Promise<T>, key: string): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything `load` reads
  useEffect(() => {
    let live = true;
    setValue({ state: 'loading' });
    load().then(
      (data) => live && setValue({ state: 'ok', data }),
      (error: Error) => live && setValue({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return value;
}
