import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, SKIP_POSTGRES_ENV, startPostgres } from '../../store/test/postgres-server.js';
import { type RunningServer, startServer } from '../src/server.js';
import { REPO_ESTATE } from './helpers.js';
import { get, receiver, until } from './history-helpers.js';

const STATE = 'acme-tfstate/platform/secrets.tfstate';
const skip = process.env[SKIP_POSTGRES_ENV] === '1';
if (skip) console.log(`server: PostgreSQL history tests skipped (${SKIP_POSTGRES_ENV}=1)`);

let postgres: PostgresServer | undefined;
let dir: string;
let hook: Awaited<ReturnType<typeof receiver>>;
const servers: RunningServer[] = [];

beforeAll(async () => {
  if (skip) return;
  postgres = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'impact-history-pg-'));
  cpSync(REPO_ESTATE, dir, { recursive: true });
  hook = await receiver();
});

afterAll(async () => {
  for (const s of servers) await s.close().catch(() => {});
  await hook?.close();
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('two servers on one PostgreSQL', () => {
  it('share one history, elect one recorder and deliver each alert once; the other takes over when the lead stops', async () => {
    const url = await (postgres as PostgresServer).database('replicas');
    const start = () =>
      startServer({
        estate: dir,
        port: 0,
        webRoot: null,
        logger: false,
        watchMs: 200,
        store: url,
        alertWebhooks: [hook.url],
        webhook: { backoffMs: 20 },
      });
    const a = await start();
    servers.push(a);
    const b = await start();
    servers.push(b);
    for (const s of [a, b]) {
      const h = JSON.parse((await get(s.url, '/api/history')).text);
      expect(h.store.kind).toBe('postgres');
      expect(h.store.location).not.toMatch(/:[^/@]*@/);
    }
    // One version for the estate both read, not one each.
    const v1 = JSON.parse((await get(b.url, '/api/history')).text);
    expect(v1.versions.map((v: { version: number }) => v.version)).toEqual([1]);

    const file = join(dir, STATE);
    const original = readFileSync(file, 'utf8');
    const state = JSON.parse(original) as { resources: { type: string; name: string }[] };
    state.resources = state.resources.filter(
      (r) => r.name !== 'orders_db' || !r.type.startsWith('aws_secretsmanager_secret'),
    );
    writeFileSync(file, JSON.stringify(state));
    const delivered = await until('the alert', () => hook.bodies[0]);
    expect(delivered.event).toBe('secret.deleted');
    expect(delivered.name).toBe('prod/orders/db');
    // Both servers polled; neither sends it twice.
    await new Promise((r) => setTimeout(r, 1500));
    expect(hook.bodies.filter((x) => x.event === 'secret.deleted')).toHaveLength(1);
    // The follower re-read the sources after the lead recorded, and serves the same history and alert.
    for (const s of [a, b]) {
      const alerts = JSON.parse((await get(s.url, '/api/alerts')).text);
      expect(alerts.alerts.map((x: { id: string }) => x.id)).toEqual([delivered.id]);
      const h = JSON.parse((await get(s.url, '/api/history')).text);
      expect(h.versions[0].version).toBe(2);
    }

    // The lead (the first to start) stops; the other takes the lead at its next poll.
    await a.close();
    servers.shift();
    writeFileSync(file, original);
    const restored = await until('the restored notice', () =>
      hook.bodies.find((x) => x.event === 'secret.restored'),
    );
    expect(restored.id).toBe(delivered.id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(hook.bodies).toHaveLength(2);
    const cleared = JSON.parse((await get(b.url, '/api/alerts?status=cleared')).text);
    expect(cleared.alerts[0].id).toBe(delivered.id);
  });
});
