import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeApp } from './helpers.js';

function fakeDist(): string {
  const root = mkdtempSync(join(tmpdir(), 'impact-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><div id="root"></div><script src="/assets/app-1.js"></script>',
  );
  writeFileSync(join(root, 'assets', 'app-1.js'), 'console.log(1)');
  return root;
}

const BUNDLE = `console.log(${JSON.stringify('impact '.repeat(2000))});`;

/** A build as the dashboard's precompress plugin leaves it: each asset beside its `.br` and `.gz`. */
function compressedDist(): string {
  const root = fakeDist();
  writeFileSync(join(root, 'assets', 'app-2.js'), BUNDLE);
  writeFileSync(join(root, 'assets', 'app-2.js.br'), brotliCompressSync(BUNDLE));
  writeFileSync(join(root, 'assets', 'app-2.js.gz'), gzipSync(BUNDLE));
  return root;
}

function get(
  port: number,
  path: string,
  acceptEncoding?: string,
): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard', () => {
  it('sends static assets compressed, as the client accepts, over a real socket', async () => {
    const app = await makeApp({ webRoot: compressedDist() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    try {
      const br = await get(port, '/assets/app-2.js', 'gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/);
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers['cache-control']).toMatch(/immutable/);
      expect(br.body.length).toBeLessThan(BUNDLE.length / 10);
      expect(brotliDecompressSync(br.body).toString()).toBe(BUNDLE);

      const gz = await get(port, '/assets/app-2.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(BUNDLE);

      const plain = await get(port, '/assets/app-2.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(BUNDLE);

      // An asset the build did not compress (too small) is sent as it is, whatever is accepted.
      const small = await get(port, '/assets/app-1.js', 'br');
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.body.toString()).toBe('console.log(1)');
    } finally {
      await app.close();
    }
  });

  it('serves the built app at / and falls back to index.html for deep links', async () => {
    const app = await makeApp({ webRoot: fakeDist(), token: 't' });
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<div id="root">');
    const deep = await app.inject(
      `/node/${encodeURIComponent('platform/secrets::aws_secretsmanager_secret.db')}`,
    );
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toMatch(/text\/html/);
    expect(deep.body).toContain('<div id="root">');
    const asset = await app.inject('/assets/app-1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await app.inject('/assets/gone.js')).statusCode).toBe(404);
    await app.close();
  });

  it('keeps JSON 404s for unknown API paths, and the API behind the token', async () => {
    const app = await makeApp({ webRoot: fakeDist(), token: 't' });
    const res = await app.inject({ url: '/api/nope', headers: { authorization: 'Bearer t' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject('/api/workspaces')).statusCode).toBe(401);
    await app.close();
  });

  it('explains how to build the dashboard when it is not built', async () => {
    const app = await makeApp({ webRoot: join(tmpdir(), 'impact-no-such-dist') });
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/not built/);
    expect(res.body).toContain('pnpm --filter @impact/web build');
    expect((await app.inject('/node/x')).body).toMatch(/not built/);
    expect((await app.inject({ method: 'POST', url: '/x' })).json().error.code).toBe('ROUTE_NOT_FOUND');
    await app.close();
  });
});
