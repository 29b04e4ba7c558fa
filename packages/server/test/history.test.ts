import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openStore } from '@impact/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.js';
import { canaries, makeApp, REPO_ESTATE, SECRET_ID } from './helpers.js';
import { get, receiver, until } from './history-helpers.js';

const STATE = 'acme-tfstate/platform/secrets.tfstate';
const LEDGER_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/ledger/token';
const values = canaries(REPO_ESTATE);

let dir: string;
let storeDir: string;
let hook: Awaited<ReturnType<typeof receiver>>;
let original: string;
const log: string[] = [];
const answers: string[] = [];

function start(): Promise<RunningServer> {
  return startServer({
    estate: dir,
    port: 0,
    webRoot: null,
    logger: false,
    watchMs: 200,
    store: storeDir,
    alertWebhooks: [hook.url],
    webhook: { backoffMs: 20 },
    log: (line) => log.push(line),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'impact-history-'));
  storeDir = join(mkdtempSync(join(tmpdir(), 'impact-store-')), '.impact');
  cpSync(REPO_ESTATE, dir, { recursive: true });
  original = readFileSync(join(dir, STATE), 'utf8');
  hook = await receiver();
});

afterAll(async () => {
  await hook.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(storeDir, { recursive: true, force: true });
});

describe('history and the deletion watch, end to end', () => {
  it('a secret gone from a watched state: one alert to the webhook, its consumers and restoreBefore; back: cleared; a restart sends nothing twice', async () => {
    let server = await start();
    try {
      const first = await until('version 1', async () => {
        const h = JSON.parse((await get(server.url, '/api/history')).text);
        return h.versions.length >= 1 ? h : undefined;
      });
      expect(first.store).toEqual({ kind: 'embedded', location: storeDir });
      expect(first.versions[0]).toMatchObject({ version: 1, trigger: 'start', summary: null });

      // The producer deletes the 7-day-window ledger token (another pipeline, not impact's CI).
      const state = JSON.parse(original) as { resources: { type: string; name: string }[] };
      state.resources = state.resources.filter(
        (r) => r.name !== 'ledger_token' || !r.type.startsWith('aws_secretsmanager_secret'),
      );
      const file = join(dir, STATE);
      writeFileSync(file, JSON.stringify(state));
      const changedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
      utimesSync(file, changedAt, changedAt);

      const delivered = await until('the alert at the webhook', () => hook.bodies[0]);
      expect(delivered.event).toBe('secret.deleted');
      expect(delivered.name).toBe('prod/ledger/token');
      expect(delivered.arn?.startsWith(LEDGER_ARN)).toBe(true);
      expect(delivered.changedAt).toBe(changedAt.toISOString());
      expect(delivered.restoreBefore).toBe(new Date(changedAt.getTime() + 7 * 86_400_000).toISOString());
      expect(delivered.fix).toMatch(/^aws secretsmanager restore-secret --secret-id arn:aws:secretsmanager:/);
      expect(delivered.impacts.length).toBeGreaterThan(0);
      // The monthly job notices only after the 7-day window: irrecoverable unless restored.
      expect(delivered.impacts.some((i) => i.severity === 'irrecoverable')).toBe(true);
      expect(delivered.text).toContain('prod/ledger/token');

      const alerts = JSON.parse((await get(server.url, '/api/alerts')).text);
      expect(alerts.open).toBe(1);
      expect(alerts.alerts[0]).toMatchObject({ kind: 'secret_deleted', status: 'open', id: delivered.id });
      const changes = JSON.parse((await get(server.url, '/api/changes?since=1')).text);
      expect(changes.versions[0].changes.secretEvents.map((e: { event: string }) => e.event)).toContain(
        'deleted',
      );
      const nodeHistory = JSON.parse(
        (await get(server.url, `/api/nodes/${encodeURIComponent(alerts.alerts[0].secret.id)}/history`)).text,
      );
      expect(nodeHistory.events[0].event.event).toBe('deleted');
      answers.push(JSON.stringify(alerts), JSON.stringify(changes), JSON.stringify(nodeHistory));

      // Restored: the same ARN is back, the alert clears and says so.
      writeFileSync(file, original);
      const restored = await until('the restored notice', () =>
        hook.bodies.find((b) => b.event === 'secret.restored'),
      );
      expect(restored.id).toBe(delivered.id);
      const cleared = JSON.parse((await get(server.url, '/api/alerts?status=cleared')).text);
      expect(cleared.alerts[0]).toMatchObject({ id: delivered.id, status: 'cleared' });
      expect(cleared.alerts[0].cleared.reason).toMatch(/^restored: /);
      answers.push(JSON.stringify(cleared), (await get(server.url, '/api/history')).text);
    } finally {
      await server.close();
    }

    // A restart: the history is kept, and nothing is sent again.
    const sent = hook.bodies.length;
    expect(sent).toBe(2);
    server = await start();
    try {
      const h = JSON.parse((await get(server.url, '/api/history')).text);
      expect(h.versions[0].version).toBeGreaterThanOrEqual(3);
      await new Promise((r) => setTimeout(r, 1000));
      expect(hook.bodies.length).toBe(sent);
      const after = JSON.parse((await get(server.url, '/api/history')).text);
      // Nothing changed while it was down: no new version either.
      expect(after.versions[0].version).toBe(h.versions[0].version);
    } finally {
      await server.close();
    }

    // Secrets never leave: not in any answer, webhook body or log, nor in the store.
    const store = await openStore(storeDir);
    try {
      const baseline = await store.baseline();
      const stored = JSON.stringify({
        history: await store.history({ limit: 100 }),
        changes: await store.changes({ sinceVersion: 0, limit: 100 }),
        alerts: await store.alerts({ status: 'all' }),
        baseline: baseline ? gunzipSync(baseline.snapshot).toString('utf8') : '',
      });
      expect(stored).toContain('prod/ledger/token');
      const everything = [...answers, ...hook.raw, ...log, stored].join('\n');
      for (const canary of values) expect(everything).not.toContain(canary);
      // The webhook's query (a token) is never logged.
      expect(log.join('\n')).not.toContain('hook-secret');
    } finally {
      await store.close();
    }
  });
});

describe('a webhook that is down', () => {
  it('gets the alert once it is back, at a later poll; a restart does not send it again', async () => {
    const estate = mkdtempSync(join(tmpdir(), 'impact-history-down-'));
    const history = join(mkdtempSync(join(tmpdir(), 'impact-store-')), 'store');
    cpSync(REPO_ESTATE, estate, { recursive: true });
    const down = await receiver();
    const lines: string[] = [];
    const boot = () =>
      startServer({
        estate,
        port: 0,
        webRoot: null,
        logger: false,
        watchMs: 200,
        store: history,
        alertWebhooks: [down.url],
        webhook: { backoffMs: 10, attempts: 2, retryAfterMs: 500 },
        log: (line) => lines.push(line),
      });
    let server = await boot();
    try {
      await until('version 1', async () =>
        JSON.parse((await get(server.url, '/api/history')).text).versions.length > 0 ? true : undefined,
      );
      down.down.on = true;
      const file = join(estate, STATE);
      const state = JSON.parse(readFileSync(file, 'utf8')) as { resources: { type: string; name: string }[] };
      state.resources = state.resources.filter(
        (r) => r.name !== 'ledger_token' || !r.type.startsWith('aws_secretsmanager_secret'),
      );
      writeFileSync(file, JSON.stringify(state));
      await until('a refused delivery', () => (down.down.refused >= 2 ? true : undefined));
      // The watch goes on while the webhook is down: polls are not held up by its retries.
      expect(lines.some((l) => /not delivered to http:\/\/127\.0\.0\.1:\d+\/… after 2 attempt/.test(l))).toBe(
        true,
      );
      down.down.on = false;
      const delivered = await until('the alert, once the webhook is back', () => down.bodies[0]);
      expect(delivered.event).toBe('secret.deleted');
      await new Promise((r) => setTimeout(r, 1500));
      expect(down.bodies).toHaveLength(1);
    } finally {
      await server.close();
    }
    server = await boot();
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect(down.bodies).toHaveLength(1);
    } finally {
      await server.close();
      await down.close();
    }
    // The store keeps a keyed digest of the webhook, never its URL (a Slack path, a token).
    const store = await openStore(history);
    try {
      const [alert] = await store.alerts({ status: 'all' });
      const deliveries = await store.deliveries(alert?.id ?? '');
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ status: 'delivered', event: 'secret.deleted' });
      expect(deliveries[0]?.target).toMatch(/^hook:[0-9a-f]{32}$/);
    } finally {
      await store.close();
      rmSync(estate, { recursive: true, force: true });
      rmSync(history, { recursive: true, force: true });
    }
  });
});

describe('an unwatched server with a store', () => {
  it('reads the directory in full, yet dates a deletion found by POST /api/ingest at the state file’s time', async () => {
    const estate = mkdtempSync(join(tmpdir(), 'impact-history-unwatched-'));
    const history = join(mkdtempSync(join(tmpdir(), 'impact-store-')), 'store');
    cpSync(REPO_ESTATE, estate, { recursive: true });
    const server = await startServer({ estate, port: 0, webRoot: null, logger: false, store: history });
    try {
      const first = await until('version 1', async () => {
        const r = await get(server.url, '/api/history/1');
        return r.status === 200 ? JSON.parse(r.text) : undefined;
      });
      expect(
        first.states.find((x: { workspace: string }) => x.workspace === 'platform/secrets')?.updated,
      ).toBeDefined();
      const file = join(estate, STATE);
      const state = JSON.parse(readFileSync(file, 'utf8')) as { resources: { type: string; name: string }[] };
      state.resources = state.resources.filter(
        (r) => r.name !== 'ledger_token' || !r.type.startsWith('aws_secretsmanager_secret'),
      );
      writeFileSync(file, JSON.stringify(state));
      const changedAt = new Date('2026-11-30T08:00:00.000Z');
      utimesSync(file, changedAt, changedAt);
      const ingest = await fetch(`${server.url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(ingest.status).toBe(202);
      const alert = await until('the alert', async () => {
        const a = JSON.parse((await get(server.url, '/api/alerts')).text);
        return a.alerts[0];
      });
      expect(alert).toMatchObject({ changedAt: changedAt.toISOString(), changedAtFrom: 'source' });
    } finally {
      await server.close();
      rmSync(estate, { recursive: true, force: true });
      rmSync(history, { recursive: true, force: true });
    }
  });
});

describe('history routes without a store', () => {
  it('answer empty, with store null; an unknown version is VERSION_NOT_FOUND; a bad since is 400', async () => {
    const app = await makeApp();
    try {
      const history = await app.inject('/api/history');
      expect(history.json()).toEqual({ formatVersion: '1.0', store: null, versions: [], next: null });
      const one = await app.inject('/api/history/1');
      expect(one.statusCode).toBe(404);
      expect(one.json().error.code).toBe('VERSION_NOT_FOUND');
      expect((await app.inject('/api/alerts')).json()).toMatchObject({ store: null, alerts: [], open: 0 });
      expect((await app.inject('/api/changes?since=yesterday')).statusCode).toBe(400);
      expect((await app.inject('/api/alerts?status=closed')).statusCode).toBe(400);
      const node = await app.inject(`/api/nodes/${encodeURIComponent(SECRET_ID)}/history`);
      expect(node.json()).toMatchObject({ store: null, events: [], alerts: [] });
    } finally {
      await app.close();
    }
  });
});
