import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStore, LOCK_FILE, openStore, StoreError } from '../src/index.js';
import { PGLITE_DATA } from '../src/pglite-client.js';
import { describeBehaviour } from './store-behaviour.js';

// One data directory for the whole file: PGlite takes seconds to make one, a second to reopen it.
const base = mkdtempSync(join(tmpdir(), 'impact-store-'));
const dir = join(base, 'nested', 'store');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const seen = describeBehaviour('embedded', () => openStore(dir));

describe('embedded: the directory', () => {
  it('is created, named by its absolute path, and released on close', async () => {
    // The behaviour suite closed its store: the lock file went with it.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(describeStore(dir)).toBe(dir);
  });

  it('reopens with its versions and digest key, the migrations applied once', async () => {
    const store = await openStore(dir);
    try {
      expect(store.kind).toBe('embedded');
      expect(store.location).toBe(dir);
      expect(await store.latestVersion()).toBe(3);
      expect(await store.digestKey()).toEqual(seen.digestKey);
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));

      // A second opener, this process included, is refused with the directory and the holder's pid.
      const second = openStore(dir);
      await expect(second).rejects.toThrow(StoreError);
      await expect(second).rejects.toThrow(`store ${dir}: the directory is held by process ${process.pid}`);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    const db = await PGlite.create(join(dir, PGLITE_DATA));
    try {
      const { rows } = await db.query('SELECT id, name FROM schema_migrations ORDER BY id');
      expect(rows).toEqual([{ id: 1, name: 'initial' }]);
    } finally {
      await db.close();
    }
  });

  it('takes over a lock left by a dead process', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
    const store = await openStore(dir);
    try {
      expect(await store.latestVersion()).toBe(3);
      expect(await store.tryLead()).toBe(true);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("takes over a lock naming this process's pid that this process does not hold (a restarted container's pid 1)", async () => {
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
    const store = await openStore(dir);
    try {
      expect(await store.latestVersion()).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('a key=value connection string is refused, its password never printed', async () => {
    const spec = 'host=db user=impact password=hunter2 dbname=impact';
    const opened = openStore(spec);
    await expect(opened).rejects.toThrow('key=value connection string is not supported');
    await opened.catch((error: Error) => expect(error.message).not.toContain('hunter2'));
    expect(existsSync(spec)).toBe(false);
  });
});
