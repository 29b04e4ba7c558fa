import { createHash } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import { type Fault, Faults } from './faults.js';

interface StoredObject {
  bytes: Buffer;
  generation: number;
  updated: string;
}

/**
 * A fake of the GCS JSON API, as documented, on loopback: `objects.list` (`prefix`, `maxResults`,
 * `pageToken` → `items`, `nextPageToken`, each with `generation`, `size`, `updated`) and media
 * download (`alt=media`, `generation`). Faults (401, 403, 429 with Retry-After) are injected by kind.
 */
export async function startGcsFake(options: { pageSize?: number } = {}): Promise<{
  host: string;
  put(bucket: string, name: string, bytes: Buffer | string): void;
  remove(bucket: string, name: string): void;
  faults: Faults<'list' | 'read'>;
  requests: { list: number; read: number };
  close(): Promise<void>;
}> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const faults = new Faults<'list' | 'read'>();
  const requests = { list: 0, read: 0 };
  let generation = 1_700_000_000_000_000;
  const app = Fastify();
  const fault = (reply: FastifyReply, f: Fault) => {
    if (f.retryAfter) reply.header('retry-after', f.retryAfter);
    return reply.code(f.status).send({ error: { code: f.status, message: 'injected fault' } });
  };
  app.get<{ Params: { bucket: string }; Querystring: Record<string, string> }>(
    '/storage/v1/b/:bucket/o',
    async (request, reply) => {
      requests.list++;
      const f = faults.take('list');
      if (f) return fault(reply, f);
      const objects = buckets.get(request.params.bucket);
      if (!objects) return reply.code(404).send({ error: { code: 404, message: 'bucket not found' } });
      const prefix = request.query.prefix ?? '';
      const max = Math.min(Number(request.query.maxResults ?? 1000), options.pageSize ?? 1000);
      const names = [...objects.keys()].filter((n) => n.startsWith(prefix)).sort();
      const start = request.query.pageToken ? names.indexOf(request.query.pageToken) : 0;
      const page = names.slice(start, start + max);
      const next = names[start + max];
      return {
        kind: 'storage#objects',
        items: page.map((name) => {
          const o = objects.get(name) as StoredObject;
          return {
            kind: 'storage#object',
            name,
            bucket: request.params.bucket,
            generation: String(o.generation),
            size: String(o.bytes.length),
            updated: o.updated,
            md5Hash: createHash('md5').update(o.bytes).digest('base64'),
          };
        }),
        ...(next ? { nextPageToken: next } : {}),
      };
    },
  );
  const media = async (
    request: { params: { bucket: string; '*': string }; query: Record<string, string> },
    reply: FastifyReply,
  ) => {
    requests.read++;
    const f = faults.take('read');
    if (f) return fault(reply, f);
    const o = buckets.get(request.params.bucket)?.get(decodeURIComponent(request.params['*']));
    if (!o || (request.query.generation && request.query.generation !== String(o.generation)))
      return reply.code(404).send({ error: { code: 404, message: 'object not found' } });
    if (request.query.alt !== 'media') return { name: request.params['*'], generation: String(o.generation) };
    return reply.header('content-type', 'application/octet-stream').send(o.bytes);
  };
  app.get('/storage/v1/b/:bucket/o/*', (request, reply) => media(request as never, reply));
  app.get('/download/storage/v1/b/:bucket/o/*', (request, reply) => media(request as never, reply));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `http://127.0.0.1:${port}`,
    put(bucket, name, bytes) {
      const objects = buckets.get(bucket) ?? new Map<string, StoredObject>();
      buckets.set(bucket, objects);
      generation += 1;
      objects.set(name, { bytes: Buffer.from(bytes), generation, updated: new Date().toISOString() });
    },
    remove(bucket, name) {
      buckets.get(bucket)?.delete(name);
    },
    faults,
    requests,
    close: () => app.close(),
  };
}
