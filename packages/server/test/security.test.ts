import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { checkBearer } from '../src/check-bearer.js';
import { isLoopback } from '../src/is-loopback.js';
import { API_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../src/security-headers.js';
import { startServer } from '../src/server.js';
import { enc, loadedStore, MINI_ESTATE, makeApp, SECRET_ID } from './helpers.js';

const TOKEN = 's3cret-token-for-tests';

describe('bearer token', () => {
  it('guards every API route but /api/health', async () => {
    const app = await makeApp({ token: TOKEN });
    const urls = [
      '/api/diagnostics',
      '/api/workspaces',
      '/api/secrets',
      '/api/nodes',
      `/api/nodes/${enc(SECRET_ID)}`,
      `/api/nodes/${enc(SECRET_ID)}/impact`,
      '/api/findings',
      '/openapi.json',
      '/docs',
      '/api/unknown',
    ];
    for (const url of urls) {
      const res = await app.inject(url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 401, 'UNAUTHORIZED']);
      const wrong = await app.inject({ url, headers: { authorization: `Bearer ${TOKEN}x` } });
      expect([url, wrong.statusCode]).toEqual([url, 401]);
    }
    for (const [method, url] of [
      ['POST', '/api/ingest'],
      ['POST', '/api/plans/impact'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        payload: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect([url, res.statusCode]).toEqual([url, 401]);
    }
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    const ok = await app.inject({ url: '/api/workspaces', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    const lower = await app.inject({ url: '/api/workspaces', headers: { authorization: `bearer ${TOKEN}` } });
    expect(lower.statusCode).toBe(200);
    await app.close();
  });

  it('refuses an oversized plan from an unauthenticated client before reading it as a plan', async () => {
    const app = await makeApp({ token: TOKEN });
    const res = await app.inject({ method: 'POST', url: '/api/plans/impact', payload: 'x'.repeat(1000) });
    expect(res.json().error.code).toBe('UNAUTHORIZED');
    await app.close();
  });

  it('compares in constant time on digests, so any length is safe', () => {
    expect(checkBearer(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(checkBearer(`Bearer ${TOKEN.slice(1)}`, TOKEN)).toBe(false);
    expect(checkBearer(`Bearer ${'a'.repeat(10_000)}`, TOKEN)).toBe(false);
    expect(checkBearer(undefined, TOKEN)).toBe(false);
    expect(checkBearer(TOKEN, TOKEN)).toBe(false);
    expect(checkBearer('Bearer ', '')).toBe(false);
  });
});

describe('binding', () => {
  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect([h, isLoopback(h)]).toEqual([h, true]);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com', '10.0.0.1'])
      expect([h, isLoopback(h)]).toEqual([h, false]);
  });

  it('refuses a non-loopback host without a token, with a coded error', async () => {
    await expect(startServer({ estate: MINI_ESTATE, host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'TOKEN_REQUIRED',
      message: expect.stringMatching(/IMPACT_TOKEN/),
    });
  });

  it('refuses to start on an estate that does not load', async () => {
    await expect(startServer({ estate: '/nonexistent/estate', port: 0 })).rejects.toMatchObject({
      code: 'ESTATE_LOAD_FAILED',
    });
  });
});

describe('headers, limits and error bodies', () => {
  it('gives API answers the short JSON set of security headers, and no HSTS', async () => {
    const app = await makeApp();
    const res = await app.inject('/api/health');
    expect(res.headers['content-security-policy']).toBe(API_CONTENT_SECURITY_POLICY);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    await app.close();
  });

  it('sets a CSP that fits the dashboard on pages, and no HSTS', async () => {
    const app = await makeApp();
    const res = await app.inject('/workspaces/platform');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    for (const part of [
      "default-src 'self'",
      "img-src 'self' data: blob:",
      "style-src 'self' 'unsafe-inline'",
      "worker-src 'self' blob:",
    ])
      expect(CONTENT_SECURITY_POLICY).toContain(part);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    await app.close();
  });

  it('rate-limits per IP with the error shape, but never /api/health', async () => {
    const app = await makeApp({ rateLimit: { max: 3, timeWindow: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject('/api/workspaces')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const limited = await app.inject('/api/workspaces');
    expect(limited.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.any(String), statusCode: 429 },
    });
    expect(limited.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 10; i++) expect((await app.inject('/api/health')).statusCode).toBe(200);
    await app.close();
  });

  it('413s a body over 1 MB on other routes', async () => {
    const app = await makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/ingest',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    await app.close();
  });

  it('never puts a stack trace in an error body', async () => {
    const app = createApp({ store: await loadedStore(), webRoot: null });
    app.get('/api/boom', async () => {
      throw new Error('secret internals at /home/x/file.ts:12');
    });
    const res = await app.inject('/api/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error', statusCode: 500 } });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/ingest',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
    for (const body of [res.body, bad.body]) expect(body).not.toMatch(/\n\s+at |stack/);
    await app.close();
  });

  it('answers 415 for a Content-Type a route does not take', async () => {
    const app = await makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/ingest',
      headers: { 'content-type': 'text/xml' },
      payload: '<x/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await app.close();
  });
});
