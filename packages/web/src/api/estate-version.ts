import { createContext, useContext, useEffect, useState } from 'react';

/**
 * How many new graphs went live since this page was opened (0: none), and when the last did; and
 * how many estate versions the server recorded since (`history` events: versions, alerts).
 */
export interface EstateRefresh {
  count: number;
  at: string | null;
  history: number;
}

export const EstateRefreshContext = createContext<EstateRefresh>({ count: 0, at: null, history: 0 });

/** The refresh counter the pages read: every `useApi` loads again when it moves. */
export function useEstateRefresh(): EstateRefresh {
  return useContext(EstateRefreshContext);
}

/**
 * Listens to `GET /api/events`: the first `graph` event names the graph live now; each later one
 * with another version is a new graph, and moves the counter. The browser's EventSource
 * reconnects by itself after a server restart (which starts a new count: any version then differs).
 * Every `history` event (a version recorded, alerts opened or cleared by it) moves `history`: it
 * names a version of the store, not of the graph, so each one counts.
 */
export function useEstateEvents(): EstateRefresh {
  const [refresh, setRefresh] = useState<EstateRefresh>({ count: 0, at: null, history: 0 });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    let live: number | null = null;
    const onGraph = (event: MessageEvent<string>) => {
      let data: { version?: unknown; ingestedAt?: unknown };
      try {
        data = JSON.parse(event.data) as typeof data;
      } catch {
        return;
      }
      const version = typeof data.version === 'number' ? data.version : null;
      if (version === null) return;
      if (live !== null && version !== live)
        setRefresh((r) => ({
          ...r,
          count: r.count + 1,
          at: typeof data.ingestedAt === 'string' ? data.ingestedAt : null,
        }));
      live = version;
    };
    const onHistory = () => setRefresh((r) => ({ ...r, history: r.history + 1 }));
    source.addEventListener('graph', onGraph as EventListener);
    source.addEventListener('history', onHistory);
    return () => source.close();
  }, []);
  return refresh;
}
