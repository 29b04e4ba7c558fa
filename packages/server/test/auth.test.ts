import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_ROOT } from '../src/default-paths.js';
import { type RunningServer, startServer } from '../src/server.js';
import { MINI_ESTATE, SECRET_ID } from './helpers.js';
import { rawRequest } from './raw-request.js';

const TOKEN = 'auth-test-token';
const BEARER = { authorization: `Bearer ${TOKEN}` };
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    estate: MINI_ESTATE,
    port: 0,
    token: TOKEN,
    webRoot: DEFAULT_WEB_ROOT,
    logger: false,
    rateLimit: { max: 100_000, timeWindow: 60_000 },
  });
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.url, path, { headers });

/** `/api/x` spelled with its first letter after the slash percent-encoded: `/%61pi/x`. */
function encodeOneLetter(path: string): string {
  return path.replace(/^\/(.)/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`);
}

describe('the token guards what the router routes, however the path is spelled', () => {
  it('refuses every route of the OpenAPI document, /openapi.json and /docs, plain and percent-encoded', async () => {
    const doc = JSON.parse((await get('/openapi.json', BEARER)).body) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes: [string, string][] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (template === '/api/health') continue;
      const path = template.replace('{id}', encodeURIComponent(SECRET_ID)).replace('{name}', 'apps%2Fapi');
      for (const method of Object.keys(methods)) routes.push([method.toUpperCase(), path]);
    }
    routes.push(['GET', '/openapi.json'], ['GET', '/docs'], ['GET', '/docs/'], ['GET', '/docs/json']);
    expect(routes.length).toBeGreaterThan(12);
    for (const [method, path] of routes) {
      for (const spelled of [path, encodeOneLetter(path), path.replace('/api/', '/ap%69/')]) {
        const res = await rawRequest(server.url, spelled, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        expect([method, spelled, res.status, JSON.parse(res.body).error?.code]).toEqual([
          method,
          spelled,
          401,
          'UNAUTHORIZED',
        ]);
      }
    }
  });

  it('answers the percent-encoded paths with the token: they reach the routes they spell', async () => {
    for (const path of [
      '/%61pi/secrets',
      '/ap%69/diagnostics',
      '/%6fpenapi.json',
      `/api/nodes/${encodeURIComponent(SECRET_ID)}`,
    ])
      expect([path, (await get(path, BEARER)).status]).toEqual([path, 200]);
    const ingest = await rawRequest(server.url, '/%61pi/ingest', {
      method: 'POST',
      headers: { ...BEARER, 'content-type': 'application/json' },
    });
    expect(ingest.status).toBe(202);
    expect((await get('/%64ocs', BEARER)).status).toBeLessThan(400);
  });

  it('gives an unknown API route 401 without the token, so nothing tells which routes exist', async () => {
    for (const path of ['/api/nope', '/%61pi/nope', '/api', '/docs/nope'])
      expect([path, (await get(path)).status]).toEqual([path, 401]);
    const known = await get('/api/nope', BEARER);
    expect([known.status, JSON.parse(known.body).error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    const post = await rawRequest(server.url, '/nowhere', { method: 'POST' });
    expect(post.status).toBe(401);
  });

  it('serves health and the dashboard shell (no estate data) without a token', async () => {
    expect((await get('/api/health')).status).toBe(200);
    expect((await get('/%61pi/health')).status).toBe(200);
    for (const page of ['/', '/node/x%3A%3Ay', '/workspaces', '/findings']) {
      const res = await get(page);
      expect([page, res.status, String(res.headers['content-type'])]).toEqual([
        page,
        200,
        expect.stringMatching(/^text\/html/),
      ]);
    }
    const asset = readdirSync(join(DEFAULT_WEB_ROOT, 'assets'))[0] as string;
    expect((await get(`/assets/${asset}`)).status).toBe(200);
    const missing = await get('/assets/missing.js');
    expect([missing.status, JSON.parse(missing.body).error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    const traversal = await get('/assets/..%2f..%2fpackage.json');
    expect(traversal.status).toBeGreaterThanOrEqual(400);
    expect(traversal.body).not.toContain('"name"');
  });
});
