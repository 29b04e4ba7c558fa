import { PassThrough } from 'node:stream';
import type { App, RouteOptions } from '../app-types.js';
import type { EstateEvent } from '../estate-store.js';
import { errorResponses } from '../schemas/common.js';
import { withoutAbsolutePaths } from '../views/public-path.js';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/events`: server-sent events. `graph` when a new graph is live (its version, when it
 * was ingested, what the ingest read), `error` when an ingest or a poll failed and the last good
 * graph stays; the first event says which version is live now. The dashboard refreshes the page
 * in view on `graph`. Counts and times only: never a value, never a credential.
 */
export async function eventsRoute(app: App, { store }: RouteOptions): Promise<void> {
  const open = new Set<PassThrough>();
  // A stream never ends by itself: closing the server ends them, or it would wait for them.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });
  app.get(
    '/api/events',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Server-sent events: a new graph is live (graph), an ingest failed (error)',
        tags: ['estate'],
        produces: ['text/event-stream'],
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const stream = new PassThrough();
      open.add(stream);
      const send = (event: EstateEvent) => {
        const data =
          event.type === 'error' ? { ...event, message: withoutAbsolutePaths(event.message) } : event;
        stream.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const current = store.current();
      stream.write('retry: 5000\n');
      if (current) send({ type: 'graph', version: store.version(), ingestedAt: current.ingestedAt });
      const unsubscribe = store.subscribe(send);
      const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(stream);
        stream.end();
      };
      request.raw.once('close', stop);
      stream.once('end', stop);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-accel-buffering', 'no')
        .send(stream as never);
    },
  );
}
