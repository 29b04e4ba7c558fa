import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_ENV, startS3 } from '../../sources/test/fakes/s3-emulator.js';
import { BUCKET, fixtureObjects } from '../../sources/test/fixture-estate.js';
import { type RunningServer, startServer } from '../src/server.js';
import { canaries, enc, REPO_ESTATE } from './helpers.js';

Object.assign(process.env, S3RVER_ENV);

let s3: Awaited<ReturnType<typeof startS3>> | null;
let server: RunningServer;
const log: string[] = [];

/** Reads server-sent events off one long response, as the dashboard's EventSource does. */
function events(url: string) {
  const controller = new AbortController();
  const received: { event: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  const done = (async () => {
    const response = await fetch(url, {
      signal: controller.signal,
      headers: { accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let at = buffer.indexOf('\n\n');
      while (at >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) received.push({ event, data: JSON.parse(data) });
        at = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  const next = async (event: string, after: number) => {
    for (let i = 0; i < 200; i++) {
      const hit = received.slice(after).find((e) => e.event === event);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${event} event; got ${JSON.stringify(received)}`);
  };
  return { received, next, close: () => controller.abort(), done };
}

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  for (const [key, bytes] of fixtureObjects().objects) await s3.put(BUCKET, key, bytes);
  server = await startServer({
    estate: `s3://${BUCKET}`,
    port: 0,
    webRoot: null,
    watchMs: 300,
    env: { ...process.env, AWS_ENDPOINT_URL_S3: s3.endpoint },
    log: (line) => log.push(line),
    rateLimit: { max: 1_000_000, timeWindow: 60_000 },
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await s3?.close();
});

describe('an estate read from a bucket', () => {
  it('holds no secret value in any answer (canaries planted in the states it fetched)', async () => {
    const secretsOf = canaries(REPO_ESTATE);
    const bucketBytes = [...fixtureObjects().objects.values()].map((b) => b.toString('latin1')).join('\n');
    expect(secretsOf.some((c) => bucketBytes.includes(c))).toBe(true);
    const bodies: [string, string][] = [];
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`);
      const body = await res.text();
      bodies.push([path, body]);
      expect([path, res.status]).toEqual([path, 200]);
      return JSON.parse(body);
    };
    for (const path of ['/api/health', '/api/diagnostics', '/api/findings', '/api/sources']) await get(path);
    for (const w of (await get('/api/workspaces')).items) await get(`/api/workspaces/${enc(w.name)}`);
    for (const n of (await get('/api/nodes?limit=500')).items) await get(`/api/nodes/${enc(n.id)}`);
    for (const s of (await get('/api/secrets?limit=1000')).items) {
      await get(`/api/nodes/${enc(s.id)}/impact`);
      await get(`/api/nodes/${enc(s.id)}/radius`);
    }
    const leaks = bodies.flatMap(([path, body]) =>
      secretsOf.filter((c) => body.includes(c)).map((c) => `${path}: ${c}`),
    );
    expect(leaks).toEqual([]);
    expect(log.join('\n')).not.toMatch(
      new RegExp(secretsOf.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
    );
  });

  it('is watched: a changed state is re-read alone, the new graph announced, a failing source named', async () => {
    const held = fixtureObjects().objects.size;
    const stream = events(`${server.url}/api/events`);
    const first = await stream.next('graph', 0);
    expect(first.data.version).toBe(1);
    const sources = await (await fetch(`${server.url}/api/sources`)).json();
    expect(sources).toMatchObject({
      version: 1,
      watch: { intervalMs: 300 },
      sources: [{ name: `s3://${BUCKET}`, kind: 's3', objects: held, workspaces: held }],
    });
    // The producer deletes a secret.
    const state = JSON.parse(readFileSync(`${REPO_ESTATE}/${BUCKET}/platform/secrets.tfstate`, 'utf8')) as {
      serial: number;
      resources: { name: string }[];
    };
    state.serial++;
    state.resources = state.resources.filter((r) => r.name !== 'ledger_token');
    await s3?.put(BUCKET, 'platform/secrets.tfstate', JSON.stringify(state));
    const second = await stream.next('graph', 1);
    expect(second.data).toMatchObject({
      version: 2,
      summary: { workspaces: held, fetched: 1, reused: held - 1 },
    });
    const node = await fetch(
      `${server.url}/api/nodes/${enc('platform/secrets::aws_secretsmanager_secret.ledger_token')}`,
    );
    expect(node.status).toBe(404);
    const after = await (await fetch(`${server.url}/api/sources`)).json();
    expect(after.sources[0]).toMatchObject({ fetched: 1 });
    expect(after.sources[0].lastChangeAt).toBeDefined();
    // The bucket's endpoint goes away: the error names it, the last good graph stays.
    await s3?.close();
    s3 = null;
    const failed = await stream.next('error', 2);
    expect(failed.data.message).toMatch(
      new RegExp(`^s3://${BUCKET}: listing the bucket: the endpoint did not answer`),
    );
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'degraded', counts: { workspaces: held } });
    expect(health.ingest.lastError).toMatch(/did not answer/);
    const failing = await (await fetch(`${server.url}/api/sources`)).json();
    expect(failing).toMatchObject({
      version: 2,
      sources: [{ lastError: expect.stringMatching(/ECONNREFUSED/) }],
    });
    expect(
      log.find((l) =>
        new RegExp(` graph v2 live: ${held} workspaces, 1 read, ${held - 1} kept, \\d+ re-linked`).test(l),
      ),
    ).toBeDefined();
    expect(
      log.find((l) => /ingest of s3:\/\/acme-tfstate failed, graph v2 keeps serving/.test(l)),
    ).toBeDefined();
    stream.close();
  });
});
