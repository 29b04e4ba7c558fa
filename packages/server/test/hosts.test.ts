import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.js';
import { MINI_ESTATE } from './helpers.js';
import { rawRequest } from './raw-request.js';

const PLAN = readFileSync(`${MINI_ESTATE}/plans/delete-db-secret.json`);
const quiet = { webRoot: null, logger: false, rateLimit: { max: 100_000, timeWindow: 60_000 } } as const;
const started: RunningServer[] = [];
const start = async (options: Parameters<typeof startServer>[0]) => {
  const server = await startServer({ estate: MINI_ESTATE, port: 0, ...quiet, ...options });
  started.push(server);
  return server;
};
afterAll(async () => {
  for (const s of started) await s.close();
});

const code = (body: string): string | undefined => JSON.parse(body).error?.code;

describe('DNS rebinding: only the hosts the server is bound to, and --allowed-host', () => {
  let server: RunningServer;
  let port: string;
  beforeAll(async () => {
    server = await start({ allowedHosts: ['impact.example.com', 'proxy.internal:8443'] });
    port = new URL(server.url).port;
  });

  it('refuses a rebound name on the loopback port, with the error shape and no data', async () => {
    for (const host of [
      `rebind.attacker.example:${port}`,
      'rebind.attacker.example',
      `127.0.0.1:${Number(port) + 1}`,
    ]) {
      for (const path of ['/api/findings', '/api/health', '/']) {
        const res = await rawRequest(server.url, path, { headers: { host } });
        expect([host, path, res.status, code(res.body)]).toEqual([host, path, 403, 'HOST_NOT_ALLOWED']);
        expect(res.body).not.toContain('workspace');
      }
    }
  });

  it('answers the bound forms and the allowed names', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      'impact.example.com',
      'impact.example.com:443',
      'proxy.internal:8443',
    ])
      expect([host, (await rawRequest(server.url, '/api/workspaces', { headers: { host } })).status]).toEqual(
        [host, 200],
      );
    const other = await rawRequest(server.url, '/api/workspaces', {
      headers: { host: 'proxy.internal:9999' },
    });
    expect(other.status).toBe(403);
  });
});

describe('beyond loopback, with a token', () => {
  it('answers any Host (the token protects) unless an allowlist is configured', async () => {
    const open = await start({ host: '0.0.0.0', token: 't' });
    const port = new URL(open.url).port;
    const auth = { authorization: 'Bearer t' };
    const via = (server: RunningServer, host: string) =>
      rawRequest(`http://127.0.0.1:${new URL(server.url).port}`, '/api/workspaces', {
        headers: { ...auth, host },
      });
    expect((await via(open, 'impact.internal.example')).status).toBe(200);
    expect((await via(open, `127.0.0.1:${port}`)).status).toBe(200);
    const listed = await start({ host: '0.0.0.0', token: 't', allowedHosts: ['impact.internal.example'] });
    expect((await via(listed, 'impact.internal.example')).status).toBe(200);
    expect((await via(listed, 'other.example')).status).toBe(403);
    expect((await via(listed, `localhost:${new URL(listed.url).port}`)).status).toBe(200);
  });
});

describe('cross-site writes', () => {
  let server: RunningServer;
  let own: string;
  beforeAll(async () => {
    server = await start({});
    own = server.url;
  });
  const post = (path: string, headers: Record<string, string>, body?: string | Buffer) =>
    rawRequest(server.url, path, { method: 'POST', headers, body });

  it('refuses a state-changing request whose Origin is another site', async () => {
    for (const origin of [
      'http://attacker.example',
      'null',
      'http://127.0.0.1:1',
      'file://',
      'https://127.0.0.1.attacker.example',
    ]) {
      const ingest = await post('/api/ingest', { origin, 'content-type': 'application/json' }, '{}');
      expect([origin, ingest.status, code(ingest.body)]).toEqual([origin, 403, 'ORIGIN_NOT_ALLOWED']);
      const plan = await post('/api/plans/impact', { origin, 'content-type': 'application/json' }, PLAN);
      expect([origin, plan.status]).toEqual([origin, 403]);
    }
  });

  it('takes its own origin (any bound form) and no Origin at all (curl, the CLI)', async () => {
    const port = new URL(own).port;
    for (const origin of [own, `http://localhost:${port}`, undefined]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (origin) headers.origin = origin;
      expect([origin, (await post('/api/ingest', headers)).status]).toEqual([origin, 202]);
      expect([origin, (await post('/api/plans/impact', headers, PLAN)).status]).toEqual([origin, 200]);
    }
    // Reads are not refused: without CORS headers a foreign page cannot read the answer anyway.
    expect(
      (await rawRequest(own, '/api/workspaces', { headers: { origin: 'http://attacker.example' } })).status,
    ).toBe(200);
  });

  it('requires a JSON (or, for a plan, octet-stream) Content-Type on POST: a form or text/plain gets 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      undefined,
    ]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const ingest = await post('/api/ingest', headers, '{}');
      expect([type, ingest.status, code(ingest.body)]).toEqual([type, 415, 'UNSUPPORTED_MEDIA_TYPE']);
      const plan = await post('/api/plans/impact', headers, PLAN);
      expect([type, plan.status, code(plan.body)]).toEqual([type, 415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
    expect((await post('/api/ingest', { 'content-type': 'application/json; charset=utf-8' })).status).toBe(
      202,
    );
    const bytes = await post('/api/plans/impact', { 'content-type': 'application/octet-stream' }, PLAN);
    expect(bytes.status).toBe(200);
    const binary = await post(
      '/api/plans/impact',
      { 'content-type': 'application/octet-stream' },
      Buffer.from('PK\x03\x04rest'),
    );
    expect([binary.status, code(binary.body)]).toEqual([400, 'INVALID_PLAN']);
  });
});
