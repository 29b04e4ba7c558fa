import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canaries, enc, hasRepoEstate, MINI_ESTATE, makeApp, REPO_ESTATE } from './helpers.js';

const estates = [MINI_ESTATE, ...(hasRepoEstate() ? [REPO_ESTATE] : [])];

/**
 * Secrets never leave: fetch every route — every workspace, every node, the impact of every
 * secret both ways, every fixture plan uploaded — and look for each canary value in each body.
 */
describe.each(estates)('no secret value in any answer (%s)', (estate) => {
  it('holds for every route', async () => {
    const secretsOf = canaries(estate);
    expect(secretsOf.length).toBeGreaterThan(0);
    const app = await makeApp({ estate, rateLimit: { max: 1_000_000, timeWindow: 60_000 } });
    const bodies: [string, string][] = [];
    const fetch = async (url: string) => {
      const res = await app.inject(url);
      bodies.push([url, res.body]);
      expect([url, res.statusCode]).toEqual([url, 200]);
      return res.json();
    };
    for (const url of ['/api/health', '/api/diagnostics', '/api/findings', '/openapi.json']) await fetch(url);
    const workspaces = await fetch('/api/workspaces');
    for (const w of workspaces.items) await fetch(`/api/workspaces/${enc(w.name)}`);
    const nodes = await fetch('/api/nodes?limit=500');
    for (const n of nodes.items) await fetch(`/api/nodes/${enc(n.id)}`);
    const secrets = await fetch('/api/secrets?limit=1000');
    expect(secrets.items.length).toBeGreaterThan(0);
    for (const s of secrets.items) {
      await fetch(`/api/nodes/${enc(s.id)}/impact`);
      await fetch(`/api/nodes/${enc(s.id)}/impact?action=replace`);
    }
    const plans = `${estate}/plans`;
    const planFiles = existsSync(plans) ? readdirSync(plans) : [];
    // The scan means something only if the inputs hold the values it looks for.
    const planBytes = planFiles.map((f) => readFileSync(`${plans}/${f}`, 'latin1')).join('\n');
    if (planFiles.length > 0) expect(secretsOf.some((c) => planBytes.includes(c))).toBe(true);
    for (const file of planFiles) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/plans/impact',
        headers: { 'content-type': 'application/json' },
        payload: readFileSync(`${plans}/${file}`),
      });
      bodies.push([`plan ${file}`, res.body]);
      expect([file, res.statusCode < 500]).toEqual([file, true]);
    }
    const leaks = bodies.flatMap(([url, body]) =>
      secretsOf.filter((canary) => body.includes(canary)).map((canary) => `${url}: ${canary}`),
    );
    expect(leaks).toEqual([]);
    await app.close();
  });
});
