import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStore, type HistoryStore, openStore, StoreError } from '../src/index.js';
import { type PostgresServer, SKIP_POSTGRES_ENV, startPostgres } from './postgres-server.js';
import { describeBehaviour } from './store-behaviour.js';
import { versionInput } from './store-fixtures.js';

const skip = process.env[SKIP_POSTGRES_ENV] === '1';
if (skip) console.log(`store: PostgreSQL tests skipped (${SKIP_POSTGRES_ENV}=1)`);

let server: PostgresServer | undefined;
const serverUrl = async (database: string) => {
  // Started once for the file, by whichever suite asks first; a failure to start fails every test.
  server ??= await startPostgres();
  return server.database(database);
};
afterAll(async () => {
  await server?.stop();
});

describe.skipIf(skip)('postgres', () => {
  describeBehaviour('postgres', async () => openStore(await serverUrl('behaviour')));

  describe('postgres: servers sharing one database', () => {
    let url: string;
    let a: HistoryStore;
    let b: HistoryStore;
    beforeAll(async () => {
      url = await serverUrl('shared');
      // Two servers starting together: both migrate, neither fails.
      [a, b] = await Promise.all([openStore(url), openStore(url)]);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('migrated once, and share one digest key', async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query('SELECT id, name FROM schema_migrations ORDER BY id');
        expect(rows).toEqual([{ id: 1, name: 'initial' }]);
      } finally {
        await admin.end();
      }
      const [keyA, keyB] = await Promise.all([a.digestKey(), b.digestKey()]);
      expect(keyA).toEqual(keyB);
      expect(a.kind).toBe('postgres');
    });

    it('lets one lead at a time, and hands the lead over on resign and on close', async () => {
      expect(await a.tryLead()).toBe(true);
      expect(await b.tryLead()).toBe(false);
      expect(await a.tryLead()).toBe(true);
      expect(await b.tryLead()).toBe(false);
      await a.resign();
      expect(await b.tryLead()).toBe(true);
      expect(await a.tryLead()).toBe(false);
      const c = await openStore(url);
      expect(await c.tryLead()).toBe(false);
      await b.close();
      expect(await c.tryLead()).toBe(true);
      await c.close();
      b = await openStore(url);
    });

    it('loses the lead with its connection, and takes it again on a new one', async () => {
      expect(await a.tryLead()).toBe(true);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          `SELECT pg_terminate_backend(l.pid) AS ok FROM pg_locks l JOIN pg_database d ON d.oid = l.database
           WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`,
        );
        expect(rows).toEqual([{ ok: true }]);
      } finally {
        await admin.end();
      }
      const tries = [await a.tryLead(), await a.tryLead()];
      expect(tries.at(-1)).toBe(true);
      expect(await b.tryLead()).toBe(false);
      await a.resign();
    });

    it('numbers concurrent recordings 1 … n, without a duplicate', async () => {
      const recorded = await Promise.all(
        [a, b, a, b, a, b].map((store, i) => store.recordVersion(versionInput(2), new Uint8Array([i]))),
      );
      expect(recorded.map((r) => r.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
      const last = recorded.find((r) => r.version === 6)!;
      expect(await b.baseline()).toEqual({ version: 6, snapshot: new Uint8Array([recorded.indexOf(last)]) });
      expect((await a.history({ limit: 10 })).map((h) => h.version)).toEqual([6, 5, 4, 3, 2, 1]);
    });

    it('gives a delivery to exactly one of two concurrent claimers, fresh or stale', async () => {
      const STALE_MS = 300;
      const keys = Array.from({ length: 10 }, (_, i) => ({
        alertId: `alert-${i}`,
        event: 'secret.deleted',
        target: 'https://hooks.example.test/T',
      }));
      const race = () =>
        Promise.all(
          keys.map((key) => Promise.all([a.claimDelivery(key, STALE_MS), b.claimDelivery(key, STALE_MS)])),
        );
      for (const pair of await race()) expect(pair.filter(Boolean)).toHaveLength(1);
      // Every claim is now left `sending` past STALE_MS: again exactly one of the two takes each.
      await new Promise((resolve) => setTimeout(resolve, STALE_MS + 50));
      for (const pair of await race()) expect(pair.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('postgres: never a password in what it prints', () => {
    const PASSWORD = 'SECRETPW';

    it('leaves the password out of its location', async () => {
      const url = (await serverUrl('located')).replace('postgres@', `postgres:${PASSWORD}@`);
      const store = await openStore(url);
      try {
        expect(store.location).not.toContain(PASSWORD);
        expect(store.location).toBe(`postgres://postgres@127.0.0.1:${server?.port}/located`);
        expect(await store.latestVersion()).toBe(0);
      } finally {
        await store.close();
      }
      expect(
        describeStore(`postgresql://u:${PASSWORD}@db.example.test/x?sslmode=require&password=${PASSWORD}`),
      ).toBe('postgresql://u@db.example.test/x?sslmode=require');
      expect(describeStore(`postgres://u:${PASSWORD}@[not a url`)).not.toContain(PASSWORD);
    });

    it('leaves the password out of its errors', async () => {
      const port = server?.port;
      const failures = [
        `postgres://postgres:${PASSWORD}@127.0.0.1:1/impact`,
        `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/no_such_database`,
        `postgres://nobody:${PASSWORD}@127.0.0.1:${port}/impact`,
        `postgres://postgres:${PASSWORD}@[not a url`,
      ];
      for (const url of failures) {
        const error = await openStore(url, { connectTimeoutMs: 2_000 }).then(
          () => new Error('opened'),
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StoreError);
        expect(String((error as Error).message)).not.toContain(PASSWORD);
        expect(String((error as Error).stack)).not.toContain(PASSWORD);
      }
    });
  });
});
