/**
 * Load check (not run by tests): autocannon against `GET /api/nodes/:id/impact` of the estate's
 * most-consumed secret, and against a fastify hello-world, both on loopback, each for a bounded time.
 * Prints req/s and p99 latency of both and their ratio.
 *
 *   pnpm --filter @impact/server load [-- --duration 10 --connections 20 --estate <dir>]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createApp } from '../src/app.js';
import { createEstateStore } from '../src/estate-store.js';
import { secretViews } from '../src/views/secret-views.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    // pnpm runs package scripts from the package directory.
    estate: { type: 'string', default: resolve('../../fixtures/estate') },
  },
});
const duration = Math.min(Number(values.duration), 120);
const connections = Number(values.connections);

async function run(url: string) {
  const result = await autocannon({ url, connections, duration });
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const store = createEstateStore({ source: values.estate });
if (!(await store.ingest())) throw new Error(`estate did not load: ${store.status().lastError}`);
const graph = store.current()?.built.graph;
const [top] = graph ? [...secretViews(graph)].sort((a, b) => b.consumers - a.consumers) : [];
if (!top) throw new Error('the estate has no secret to query');

const app = createApp({ store, webRoot: null, rateLimit: { max: 1e9, timeWindow: 60_000 } });
const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const helloUrl = await hello.listen({ host: '127.0.0.1', port: 0 });
try {
  console.log(
    `impact of ${top.id} (${top.consumers} consumers), ${duration}s × ${connections} connections each`,
  );
  const impact = await run(`${appUrl}/api/nodes/${encodeURIComponent(top.id)}/impact`);
  const baseline = await run(helloUrl);
  const row = (name: string, r: { rps: number; p99: number }) =>
    console.log(`${name.padEnd(14)} ${r.rps.toFixed(0).padStart(8)} req/s   p99 ${r.p99.toFixed(1)} ms`);
  row('impact', impact);
  row('hello-world', baseline);
  console.log(`ratio          ${(impact.rps / baseline.rps).toFixed(3)} of hello-world's req/s`);
} finally {
  await app.close();
  await hello.close();
}
