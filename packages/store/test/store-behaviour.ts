import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStore } from '../src/index.js';
import { alertInput, sleep, TIMES, versionInput } from './store-fixtures.js';

const FUTURE = '2999-01-01T00:00:00.000Z';
const PAST = '2001-01-01T00:00:00.000Z';
const MINUTE = 60_000;

/** What the suite saw, for the engine's own tests that follow it (a reopen keeps it). */
export interface BehaviourSeen {
  digestKey?: Uint8Array;
}

/**
 * The HistoryStore contract, one store for the whole suite (a PGlite data directory is slow to
 * make): the cases run in order and build on each other. `open` must give an empty store.
 */
export function describeBehaviour(name: string, open: () => Promise<HistoryStore>): BehaviourSeen {
  const seen: BehaviourSeen = {};
  describe(`${name}: the HistoryStore contract`, () => {
    let store: HistoryStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('starts empty', async () => {
      expect(await store.latestVersion()).toBe(0);
      expect(await store.baseline()).toBeNull();
      expect(await store.history({ limit: 10 })).toEqual([]);
      expect(await store.version(1)).toBeNull();
      expect(await store.alerts()).toEqual([]);
      expect(await store.undelivered()).toEqual([]);
      expect(await store.tryLead()).toBe(true);
    });

    it('makes a 32-byte digest key once and keeps it', async () => {
      const key = await store.digestKey();
      expect(key).toBeInstanceOf(Uint8Array);
      expect(key.length).toBe(32);
      expect(await store.digestKey()).toEqual(key);
      seen.digestKey = key;
    });

    it('numbers versions 1, 2, 3 and keeps only the latest baseline', async () => {
      for (const n of [1, 2, 3] as const) {
        const recorded = await store.recordVersion(versionInput(n), new Uint8Array([n, 0, 255]));
        expect(recorded).toEqual({ version: n, ...versionInput(n) });
        expect(await store.latestVersion()).toBe(n);
      }
      expect(await store.baseline()).toEqual({ version: 3, snapshot: new Uint8Array([3, 0, 255]) });
    });

    it('pages history newest first, before a version', async () => {
      const page = await store.history({ limit: 2 });
      expect(page.map((h) => h.version)).toEqual([3, 2]);
      expect(page[1]).toEqual({
        version: 2,
        recordedAt: TIMES[1],
        trigger: 'watch',
        estate: 'fixtures/estate',
        totals: { workspaces: 3, resources: 12, edges: 7 },
        summary: versionInput(2).changes?.summary,
        events: { deleted: 1, created: 1 },
      });
      const next = await store.history({ limit: 2, before: 2 });
      expect(next.map((h) => [h.version, h.summary, h.events])).toEqual([[1, null, {}]]);
      expect(await store.history({ limit: 5, before: 1 })).toEqual([]);
    });

    it('gives changes oldest first, by version and by time, and one version', async () => {
      const byVersion = await store.changes({ sinceVersion: 1, limit: 10 });
      expect(byVersion.map((r) => r.version)).toEqual([2, 3]);
      expect(byVersion[0]).toEqual({ version: 2, ...versionInput(2) });
      expect((await store.changes({ limit: 2 })).map((r) => r.version)).toEqual([1, 2]);
      expect((await store.changes({ sinceTime: TIMES[0], limit: 10 })).map((r) => r.version)).toEqual([2, 3]);
      expect((await store.changes({ sinceTime: TIMES[2], limit: 10 })).map((r) => r.version)).toEqual([]);
      expect(await store.version(3)).toEqual({ version: 3, ...versionInput(3) });
      expect(await store.version(4)).toBeNull();
    });

    it('opens an alert once; open, expired and cleared statuses; filters', async () => {
      expect(await store.openAlert(alertInput('a-open', FUTURE))).toBe(true);
      expect(await store.openAlert(alertInput('a-open', FUTURE))).toBe(false);
      expect(await store.openAlert(alertInput('b-gone', null))).toBe(true);
      expect(await store.openAlert(alertInput('c-closed', PAST))).toBe(true);

      const all = await store.alerts();
      expect(all.map((a) => [a.id, a.status])).toEqual([
        ['c-closed', 'expired'],
        ['b-gone', 'expired'],
        ['a-open', 'open'],
      ]);
      expect(all[2]).toEqual({ ...alertInput('a-open', FUTURE), status: 'open' });

      const cleared = { at: TIMES[2], version: 3, reason: 'restored' };
      expect(await store.clearAlert('a-open', cleared)).toBe(true);
      expect(await store.clearAlert('a-open', cleared)).toBe(false);
      expect(await store.clearAlert('no-such-alert', cleared)).toBe(false);
      expect(await store.alerts({ status: 'cleared' })).toEqual([
        { ...alertInput('a-open', FUTURE), status: 'cleared', cleared },
      ]);
      expect((await store.alerts({ status: 'open' })).map((a) => a.id)).toEqual(['c-closed', 'b-gone']);
      expect((await store.alerts({ status: 'all', limit: 2 })).map((a) => a.id)).toEqual([
        'c-closed',
        'b-gone',
      ]);
      // An expired alert is still not cleared: a restore clears it.
      expect(await store.clearAlert('c-closed', cleared)).toBe(true);
    });

    it('claims a delivery once; a stale or failed claim again; a delivered one never', async () => {
      const key = { alertId: 'b-gone', event: 'secret.deleted', target: 'https://hooks.example.test/T1' };
      expect(await store.claimDelivery(key, MINUTE)).toBe(true);
      expect(await store.claimDelivery(key, MINUTE)).toBe(false);
      expect(await store.undelivered()).toEqual([{ ...key, attempts: 0 }]);
      await sleep(5);
      // Left `sending` for longer than staleMs: its sender is taken for dead.
      expect(await store.claimDelivery(key, 1)).toBe(true);
      expect(await store.claimDelivery(key, MINUTE)).toBe(false);

      await store.finishDelivery(key, { ok: false, attempts: 2, error: 'HTTP 500' });
      expect(await store.undelivered()).toEqual([{ ...key, attempts: 2, lastError: 'HTTP 500' }]);
      // A failed one is tried again, but not at once: no sooner than staleMs after its last try.
      expect(await store.claimDelivery(key, MINUTE)).toBe(false);
      await sleep(5);
      expect(await store.claimDelivery(key, 1)).toBe(true);

      await store.finishDelivery(key, { ok: true, attempts: 3 });
      expect(await store.undelivered()).toEqual([]);
      await sleep(5);
      expect(await store.claimDelivery(key, 0)).toBe(false);
      // A late failure report does not undo a delivery.
      await store.finishDelivery(key, { ok: false, attempts: 4, error: 'late' });

      const [record, ...rest] = await store.deliveries('b-gone');
      expect(rest).toEqual([]);
      expect(record).toMatchObject({ ...key, status: 'delivered', attempts: 3 });
      expect(record?.lastError).toBeUndefined();
      expect(Date.parse(record?.deliveredAt ?? '')).toBeGreaterThanOrEqual(
        Date.parse(record?.claimedAt ?? ''),
      );
      expect(await store.deliveries('a-open')).toEqual([]);

      // Refused by the receiver (a 4xx), or failed too often: given up.
      const refused = { ...key, alertId: 'refused' };
      expect(await store.claimDelivery(refused, MINUTE)).toBe(true);
      await store.finishDelivery(refused, { ok: false, attempts: 1, error: 'HTTP 404: refused' });
      const tired = { ...key, alertId: 'tired' };
      expect(await store.claimDelivery(tired, MINUTE)).toBe(true);
      await store.finishDelivery(tired, { ok: false, attempts: 25, error: 'HTTP 503' });
      await sleep(5);
      expect(await store.claimDelivery(refused, 1)).toBe(false);
      expect(await store.claimDelivery(tired, 1)).toBe(false);
    });

    it('refuses to be used after close', async () => {
      await store.close();
      await expect(store.latestVersion()).rejects.toThrow(/used after close/);
      expect(await store.tryLead()).toBe(false);
    });
  });
  return seen;
}
