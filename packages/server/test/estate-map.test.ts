import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app-types.js';
import type { EstateMap } from '../src/schemas/estate-map.js';
import { makeApp } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await makeApp({ token: 't' });
});
afterAll(() => app.close());

const auth = { authorization: 'Bearer t' };

describe('GET /api/estate/map', () => {
  it('gives every workspace with its worst finding, and consumer → producer links weighted by edges', async () => {
    const res = await app.inject({ url: '/api/estate/map', headers: auth });
    expect(res.statusCode).toBe(200);
    const map = res.json() as EstateMap;
    const workspaces = (await app.inject({ url: '/api/workspaces', headers: auth })).json() as {
      items: { name: string; resources: number }[];
    };
    expect(map.workspaces.map((w) => [w.name, w.resources])).toEqual(
      workspaces.items.map((w) => [w.name, w.resources]),
    );
    expect(map.links.map((l) => `${l.from} -> ${l.to}`)).toEqual([
      'apps/api -> platform/secrets',
      'batch/ledger -> platform/secrets',
    ]);
    for (const link of map.links) {
      expect(link.count).toBeGreaterThan(0);
      expect(Object.values(link.kinds).reduce((a, b) => a + b, 0)).toBe(link.count);
    }
    const findings = (await app.inject({ url: '/api/findings', headers: auth })).json() as {
      findings: { workspace: string; severity: 'error' | 'warn' | 'info' }[];
    };
    for (const w of map.workspaces) {
      const own = findings.findings.filter((f) => f.workspace === w.name);
      expect(w.findings.error + w.findings.warn + w.findings.info).toBe(own.length);
      const worst = (['error', 'warn', 'info'] as const).find((s) => own.some((f) => f.severity === s));
      expect(w.worst).toBe(worst ?? null);
    }
    expect(map.workspaces.find((w) => w.name === 'platform/secrets')?.secrets).toBeGreaterThan(0);
  });

  it('is behind the token like every API route', async () => {
    expect((await app.inject('/api/estate/map')).statusCode).toBe(401);
  });
});
