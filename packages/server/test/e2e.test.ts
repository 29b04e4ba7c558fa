import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.js';
import { hasRepoEstate, MINI_ESTATE, REPO_ESTATE } from './helpers.js';

// Against the repository's fixture estate once it exists; the server's own tiny one until then.
const ESTATE = hasRepoEstate() ? REPO_ESTATE : MINI_ESTATE;
const TOKEN = 'e2e-token';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ estate: ESTATE, port: 0, token: TOKEN, webRoot: null, logger: false });
});
afterAll(() => server.close());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });

describe(`a real server on a real port (${ESTATE === REPO_ESTATE ? 'fixtures/estate' : 'mini-estate'})`, () => {
  it('listens on loopback at an ephemeral port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers health without a token and the API only with one', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).counts.workspaces).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/api/secrets`)).status).toBe(401);
    expect((await api('/api/secrets')).status).toBe(200);
  });

  it('walks from a secret to its impact over HTTP', async () => {
    const secrets = await (await api('/api/secrets?sort=consumers&order=desc&limit=1')).json();
    const top = secrets.items[0];
    const node = await (await api(`/api/nodes/${encodeURIComponent(top.id)}`)).json();
    expect(node.node.id).toBe(top.id);
    const answer = await (await api(`/api/nodes/${encodeURIComponent(top.id)}/impact?limit=200`)).json();
    expect(answer.result.changes[0].id).toBe(top.id);
    expect(answer.subgraph.nodes[0]).toMatchObject({ id: top.id, distance: 0 });
  });

  it('sends a cached answer gzipped over the socket, and 304 for its ETag', async () => {
    const secrets = await (await api('/api/secrets?sort=consumers&order=desc&limit=1')).json();
    const url = `/api/nodes/${encodeURIComponent(secrets.items[0].id)}/impact?now=2026-12-02T00:00:00Z`;
    // Node's fetch asks for gzip and unpacks it; the header shows what crossed the socket.
    const zipped = await api(url);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const body = await zipped.json();
    const plain = await api(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(body);
    const etag = zipped.headers.get('etag') ?? '';
    const again = await api(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('uploads a plan and re-ingests', async () => {
    const dir = `${ESTATE}/plans`;
    const plan = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.json')) : undefined;
    if (plan) {
      const res = await api('/api/plans/impact', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: readFileSync(`${dir}/${plan}`),
      });
      expect([200, 400]).toContain(res.status);
      const body = await res.json();
      expect(res.status === 200 ? body.result.formatVersion : body.error.code).toBeTruthy();
    }
    const ingest = await api('/api/ingest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(ingest.status).toBe(202);
    await expect
      .poll(async () => (await (await fetch(`${server.url}/api/health`)).json()).ingest.state, {
        timeout: 30_000,
      })
      .toBe('idle');
  });

  it('closes', async () => {
    const other = await startServer({ estate: MINI_ESTATE, port: 0, webRoot: null });
    await other.close();
    await expect(fetch(`${other.url}/api/health`)).rejects.toThrow();
  });
});
