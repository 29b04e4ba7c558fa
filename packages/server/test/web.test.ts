import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('the dashboard', () => {
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
