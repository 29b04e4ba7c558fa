import { parseArgs } from 'node:util';
import { createApp, createEstateStore, startServer } from '@impact/server';
import Fastify from 'fastify';
import { isMain } from './is-main.js';

/**
 * One server in its own process, so the load generator does not share its event loop:
 * `impact` (startServer, as shipped), `unthrottled` (createApp with the rate limit lifted) or
 * `hello` (a fastify hello-world). Prints `{"url": …}` once listening, on 127.0.0.1 only.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mode: { type: 'string', default: 'impact' }, estate: { type: 'string' } },
  });
  let url: string;
  if (values.mode === 'hello') {
    const app = Fastify({ logger: false });
    app.get('/hello', async () => ({ hello: 'world' }));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  } else if (values.mode === 'unthrottled') {
    const store = createEstateStore({ source: values.estate ?? '' });
    if (!(await store.ingest())) throw new Error(`cannot load ${values.estate}: ${store.status().lastError}`);
    const app = createApp({ store, webRoot: null, rateLimit: { max: 1e9, timeWindow: '1 minute' } });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  } else {
    const running = await startServer({
      ...(values.estate ? { estate: values.estate } : {}),
      host: '127.0.0.1',
      port: 0,
      webRoot: null,
    });
    url = running.url;
  }
  // Exit cleanly when the bench is done with it (so `--cpu-prof` can write its profile).
  process.once('SIGTERM', () => process.exit(0));
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
