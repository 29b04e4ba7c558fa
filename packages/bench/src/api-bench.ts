import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { isMain } from './is-main.js';
import { spawnServer } from './spawn-server.js';
import { round } from './stats.js';

export interface LoadFigure {
  rps: number;
  /** Response bytes per request, headers included, as autocannon counted them. */
  bytesPerRequest: number;
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
  /** createApp with the per-IP rate limit lifted: what the handler can do, as a client asks (default page, gzip accepted). */
  impact: LoadFigure;
  /** The same with a 500-impact page and no compression: a payload-bound figure, for comparison. */
  impactFull: LoadFigure;
  /** startServer as shipped (rate limit 600/min per IP): most answers are 429. */
  shipped: LoadFigure;
  /** Whether the load generator and the servers ran pinned to separate CPUs. */
  pinned?: boolean;
  /** Requests/s of each measured server process; `hello` and `impact` are their medians. */
  samples: { hello: number[]; impact: number[] };
  /** Requests/s of each uncounted warm-up round, by server. */
  warmup: { mode: string; rps: number }[];
  ratio: number;
}

function figure(r: autocannon.Result): LoadFigure {
  return {
    rps: round(r['2xx'] / r.duration, 0),
    bytesPerRequest: round(r.throughput.total / Math.max(1, r.requests.total), 0),
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

const SAMPLES = 3;
const WARMUP_S = 4;
const WARMUP_MIN_ROUNDS = 3;
const WARMUP_MAX_ROUNDS = 10;
const round0 = (x: number) => round(x, 0);

/** autocannon against each server in its own process, one after the other, loopback only. */
export async function benchApi(snapshot: string, nodeId: string, durationS: number): Promise<ApiResult> {
  const connections = 10;
  const path = `/api/nodes/${encodeURIComponent(nodeId)}/impact`;
  const warmup: { mode: string; rps: number }[] = [];
  // What Node's fetch, browsers and `curl --compressed` send.
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  const run = async (
    mode: 'hello' | 'unthrottled' | 'impact',
    runs: { p: string; d: number; headers?: Record<string, string> }[],
  ) => {
    const server = await spawnServer(mode, mode === 'hello' ? undefined : snapshot);
    try {
      const out: LoadFigure[] = [];
      // Warm-up, not counted: at least WARMUP_MIN_ROUNDS rounds, then until two agree within 10 %.
      // It covers JIT, the answer cache, and the collector working through the heap a big load
      // leaves: on the 1M estate the first ~10 s after the load run at a third of the steady rate.
      // The rate-limited server is not warmed: its point is the limit.
      const first = mode === 'impact' ? undefined : runs[0];
      if (first) {
        let last = 0;
        for (let round = 0; round < WARMUP_MAX_ROUNDS; round++) {
          const w = await autocannon({
            url: `${server.url}${first.p}`,
            connections,
            duration: WARMUP_S,
            ...(first.headers ? { headers: first.headers } : {}),
          });
          const rps = w['2xx'] / w.duration;
          warmup.push({ mode, rps: round0(rps) });
          if (round + 1 >= WARMUP_MIN_ROUNDS && last > 0 && Math.abs(rps - last) / last < 0.1) break;
          last = rps;
        }
      }
      for (const r of runs)
        out.push(
          figure(
            await autocannon({
              url: `${server.url}${r.p}`,
              connections,
              duration: r.d,
              timeout: 30,
              ...(r.headers ? { headers: r.headers } : {}),
            }),
          ),
        );
      return out;
    } finally {
      await server.stop();
    }
  };
  // Each server is started SAMPLES times, alternating, and each ratio side uses its median: one
  // server process now and then settles at about half the rate of the others for its whole life
  // (seen here for the impact server; the cause is not pinned down), and one sample would make
  // that the figure.
  const hellos: LoadFigure[] = [];
  const impacts: LoadFigure[] = [];
  let impactFull: LoadFigure | undefined;
  for (let sample = 0; sample < SAMPLES; sample++) {
    const [hello] = await run('hello', [{ p: '/hello', d: durationS, headers }]);
    const [impact, full] = await run('unthrottled', [
      { p: path, d: durationS, headers },
      ...(sample === 0 ? [{ p: `${path}?limit=500`, d: durationS }] : []),
    ]);
    if (hello) hellos.push(hello);
    if (impact) impacts.push(impact);
    impactFull ??= full;
  }
  const byRps = (xs: LoadFigure[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)];
  const hello = byRps(hellos);
  const impact = byRps(impacts);
  const [shipped] = await run('impact', [{ p: path, d: Math.min(5, durationS), headers }]);
  if (!hello || !impact || !impactFull || !shipped) throw new Error('a load run gave no figure');
  return {
    snapshot,
    nodeId,
    durationS,
    connections,
    hello,
    impact,
    impactFull,
    shipped,
    warmup,
    samples: { hello: hellos.map((h) => h.rps), impact: impacts.map((i) => i.rps) },
    ratio: round(impact.rps / hello.rps, 3),
  };
}

/**
 * The API run in a process of its own pinned to CPU 1, with every server pinned to CPU 0
 * (`taskset`, Linux): on 2 cores the load generator and the server otherwise now and then share
 * one core for a whole run, which halves the rate (seen here: one impact server in three stuck at
 * ~20k req/s unpinned, none in five pinned). Unpinned, in this process, where `taskset` is missing
 * or there is one CPU.
 */
export async function benchApiPinned(
  snapshot: string,
  nodeId: string,
  durationS: number,
): Promise<ApiResult> {
  const taskset = spawnSync('taskset', ['-c', '1', 'true']);
  if (taskset.status !== 0 || cpus().length < 2)
    return { ...(await benchApi(snapshot, nodeId, durationS)), pinned: false };
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(
    'taskset',
    [
      '-c',
      '1',
      process.execPath,
      script,
      '--snapshot',
      snapshot,
      '--node',
      nodeId,
      '--seconds',
      String(durationS),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_PIN_SERVER: '0' },
    },
  );
  if (r.status !== 0) throw new Error(`the API benchmark failed (exit ${r.status})`);
  return { ...(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as ApiResult), pinned: true };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { snapshot: { type: 'string' }, node: { type: 'string' }, seconds: { type: 'string' } },
  });
  if (!values.snapshot || !values.node)
    throw new Error('usage: api-bench --snapshot FILE --node ID [--seconds N]');
  const result = await benchApi(values.snapshot, values.node, Number(values.seconds ?? 10));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
