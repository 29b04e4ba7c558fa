import autocannon from 'autocannon';
import { spawnServer } from './spawn-server.js';
import { round } from './stats.js';

export interface LoadFigure {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface ApiResult {
  snapshot: string;
  nodeId: string;
  durationS: number;
  connections: number;
  hello: LoadFigure;
  /** createApp with the per-IP rate limit lifted: what the handler can do. */
  impact: LoadFigure;
  /** startServer as shipped (rate limit 600/min per IP): most answers are 429. */
  shipped: LoadFigure;
  ratio: number;
}

function figure(r: autocannon.Result): LoadFigure {
  return {
    rps: round(r['2xx'] / r.duration, 0),
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** autocannon against each server in its own process, one after the other, loopback only. */
export async function benchApi(snapshot: string, nodeId: string, durationS: number): Promise<ApiResult> {
  const connections = 10;
  const path = `/api/nodes/${encodeURIComponent(nodeId)}/impact`;
  const run = async (mode: 'hello' | 'unthrottled' | 'impact', p: string, d: number) => {
    const server = await spawnServer(mode, mode === 'hello' ? undefined : snapshot);
    try {
      return figure(await autocannon({ url: `${server.url}${p}`, connections, duration: d, timeout: 30 }));
    } finally {
      await server.stop();
    }
  };
  const hello = await run('hello', '/hello', durationS);
  const impact = await run('unthrottled', path, durationS);
  const shipped = await run('impact', path, Math.min(5, durationS));
  return {
    snapshot,
    nodeId,
    durationS,
    connections,
    hello,
    impact,
    shipped,
    ratio: round(impact.rps / hello.rps, 3),
  };
}
