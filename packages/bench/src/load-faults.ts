import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { isMain } from './is-main.js';
import { spawnServer } from './spawn-server.js';
import { round } from './stats.js';

export interface LoadFaultsResult {
  estate: string;
  durationS: number;
  connections: number;
  requests: number;
  ok: number;
  status5xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rps: number;
  p99: number;
  ingests: IngestEvent[];
  /** Every health poll during a running ingest still saw the previous ingestedAt. */
  oldGraphServedDuringIngest: boolean;
  corruptFileReported: boolean;
  rssMb: { t: number; mb: number }[];
  rssGrowthMb: number;
}

interface IngestEvent {
  what: string;
  startedAtS: number;
  tookMs: number;
  swapped: boolean;
  lastError?: string;
}

interface Health {
  estate: { ingestedAt: string | null };
  ingest: { state: string; lastError?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * The server (rate limit lifted, estate read from a directory) under sustained concurrent load,
 * while it re-ingests the estate twice: once as is, once with a state file truncated and a garbage
 * `.tfstate` dropped in. Measures 5xx, errors, timeouts, and whether the old graph kept serving.
 */
export async function runLoadFaults(
  source: string,
  work: string,
  durationS: number,
): Promise<LoadFaultsResult> {
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true });
  const server = await spawnServer('unthrottled', work);
  const started = performance.now();
  const at = () => round((performance.now() - started) / 1000, 1);
  const rss: { t: number; mb: number }[] = [];
  const ingests: IngestEvent[] = [];
  let oldServed = true;
  let stop = false;
  const health = async (): Promise<Health> =>
    (await (await fetch(`${server.url}/api/health`)).json()) as Health;
  const sampler = (async () => {
    while (!stop) {
      rss.push({ t: at(), mb: round(rssOf(server.child.pid ?? 0), 0) });
      await sleep(500);
    }
  })();
  const ingest = async (what: string): Promise<void> => {
    const before = (await health()).estate.ingestedAt;
    const startedAtS = at();
    const t = performance.now();
    await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    for (;;) {
      const h = await health();
      if (h.ingest.state === 'running') {
        if (h.estate.ingestedAt !== before) oldServed = false;
      } else {
        ingests.push({
          what,
          startedAtS,
          tookMs: round(performance.now() - t, 0),
          swapped: h.estate.ingestedAt !== before,
          ...(h.ingest.lastError ? { lastError: h.ingest.lastError } : {}),
        });
        return;
      }
      await sleep(20);
    }
  };
  const ids = ['platform/secrets-0::aws_secretsmanager_secret.s0', 'platform/kms::aws_kms_key.root_1'];
  const load = autocannon({
    url: server.url,
    connections: 20,
    duration: durationS,
    timeout: 10,
    requests: [
      ...ids.map((id) => ({ method: 'GET', path: `/api/nodes/${encodeURIComponent(id)}/impact` })),
      { method: 'GET', path: '/api/health' },
    ],
  });
  await sleep(Math.min(3000, (durationS * 1000) / 5));
  await ingest('re-ingest, same files');
  // A state truncated mid-write and a stray file: the ingest reports them; the rest still counts.
  const victim = join(work, 'states', 'team-2', 'svc-2.tfstate');
  const text = readFileSync(victim, 'utf8');
  writeFileSync(victim, text.slice(0, Math.floor(text.length / 2)));
  writeFileSync(join(work, 'states', 'garbage.tfstate'), '\u0000\u0001not a state');
  await ingest('re-ingest, one state truncated');
  const diagnostics = await (await fetch(`${server.url}/api/diagnostics`)).text();
  const result = await load;
  stop = true;
  await sampler;
  await server.stop();
  rmSync(work, { recursive: true, force: true });
  const mbs = rss.map((r) => r.mb).filter((x) => Number.isFinite(x));
  return {
    estate: source,
    durationS,
    connections: 20,
    requests: result.requests.total,
    ok: result['2xx'],
    status5xx: result['5xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: round(result['2xx'] / result.duration, 0),
    p99: result.latency.p99,
    ingests,
    oldGraphServedDuringIngest: oldServed,
    corruptFileReported: diagnostics.includes('svc-2.tfstate'),
    rssMb: rss,
    rssGrowthMb: mbs.length > 1 ? round((mbs.at(-1) ?? 0) - (mbs[1] ?? mbs[0] ?? 0), 0) : 0,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      estate: { type: 'string', default: 'bench/.estates/w20-r500-s1' },
      duration: { type: 'string', default: '20' },
    },
  });
  const result = await runLoadFaults(values.estate, `${values.estate}.load-copy`, Number(values.duration));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
