import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { App } from '../src/app-types.js';
import { createEstateStore } from '../src/estate-store.js';
import { loadedStore } from './helpers.js';
import { rawRequest } from './raw-request.js';

/** The server's log lines, as a stream would receive them. */
function logSink(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const CANARY = 'CANARY-log-5f1e';
let app: App;
let url: string;
const log = logSink();

beforeAll(async () => {
  app = createApp({
    store: await loadedStore(),
    webRoot: null,
    logger: { level: 'info', stream: log.stream },
  });
  app.get('/api/boom', async () => {
    throw new Error(`broke on ${CANARY} at /home/x/file.ts:12`);
  });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

describe('requests that fail with 5xx', () => {
  it('are logged as one structured line each: method, route, status, duration, code; no value', async () => {
    const res = await rawRequest(url, `/api/boom?q=${CANARY}`, { headers: { 'x-note': CANARY } });
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'INTERNAL', message: 'internal error', statusCode: 500 },
    });
    const failed = log.lines().filter((l) => l.msg === 'request failed');
    expect(failed).toEqual([
      expect.objectContaining({
        level: 50,
        method: 'GET',
        route: '/api/boom',
        statusCode: 500,
        durationMs: expect.any(Number),
        code: 'INTERNAL',
      }),
    ]);
    // The bug's own line names its class and where it was thrown, never its message.
    const internal = log.lines().find((l) => l.msg === 'internal error') as {
      error: { name: string; stack: string };
    };
    expect(internal.error.name).toBe('Error');
    expect(internal.error.stack).toMatch(/failures\.test\.ts/);
    expect(log.text()).not.toContain(CANARY);
    // Answers below 500 are not logged.
    await rawRequest(url, '/api/nodes/no%3A%3Asuch');
    expect(log.lines().filter((l) => l.msg === 'request failed')).toHaveLength(1);
  });

  it('include a 503 before any estate loaded', async () => {
    const sink = logSink();
    const empty = createApp({
      store: createEstateStore({ source: '/nowhere' }),
      webRoot: null,
      logger: { level: 'error', stream: sink.stream },
    });
    await empty.ready();
    const res = await empty.inject('/api/workspaces');
    expect(res.statusCode).toBe(503);
    expect(sink.lines()).toEqual([
      expect.objectContaining({ route: '/api/workspaces', statusCode: 503, code: 'ESTATE_UNAVAILABLE' }),
    ]);
    await empty.close();
  });
});

/** Bytes straight onto a socket, and what comes back before it closes. */
function rawSocket(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => {
      text += String(d);
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe("fastify's and Node's own errors", () => {
  const shape = (body: string) =>
    JSON.parse(body) as { error: { code: string; message: string; statusCode: number } };

  it('answer a bad percent-encoding and an over-long parameter in the documented shape, not quoting the path', async () => {
    const bad = await rawRequest(url, `/api/nodes/${CANARY}%zz`);
    expect(bad.status).toBe(400);
    expect(shape(bad.body)).toEqual({
      error: { code: 'BAD_REQUEST', message: 'the URL is not valid percent-encoding', statusCode: 400 },
    });
    expect(bad.body).not.toContain(CANARY);
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
    const long = await rawRequest(url, `/api/nodes/${'a'.repeat(3000)}`);
    expect([long.status, shape(long.body).error.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('answer a request Node cannot parse, and oversized headers, in the same shape', async () => {
    const port = Number(new URL(url).port);
    const garbage = await rawSocket(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(shape(garbage.split('\r\n\r\n')[1] ?? '').error.code).toBe('BAD_REQUEST');
    const huge = await rawSocket(
      port,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(shape(huge.split('\r\n\r\n')[1] ?? '').error).toEqual({
      code: 'HEADERS_TOO_LARGE',
      message: 'the request headers are too large',
      statusCode: 431,
    });
  });
});
