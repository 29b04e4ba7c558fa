import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEstateStore } from '../src/estate-store.js';
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

describe('a manifest with a credential on a broken line', () => {
  it('is refused with its line and column; no answer quotes the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-canary-'));
    cpSync(MINI_ESTATE, dir, { recursive: true });
    const canary = 'CANARY-manifest-secret-key-4e1d07';
    writeFileSync(
      join(dir, 'impact.yaml'),
      `workspaces:\n  - name: platform/secrets\n    state: platform/secrets/terraform.tfstate\n    backend: { type: s3, bucket: tfstate, secret_key: "${canary} }\n`,
    );
    const store = createEstateStore({ source: dir });
    expect(await store.ingest()).toBe(false);
    expect(store.status().lastError).toBe(
      'line 5, column 1: not valid YAML: a closing quote or bracket is missing',
    );
    const app = await makeApp({ store });
    const bodies = await Promise.all(
      ['/api/health', '/api/diagnostics', '/api/findings'].map(async (url) => (await app.inject(url)).body),
    );
    for (const body of bodies) expect(body).not.toContain(canary);
    expect(bodies[0]).toContain('line 5, column 1');
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
