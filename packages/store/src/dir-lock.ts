import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError, StoreFailure } from './store-error.js';

export const LOCK_FILE = 'impact-store.lock';

/** Lock files this process holds now: its own pid in any other is a previous life's (a container's pid 1). */
const held = new Set<string>();

/** A directory held by this process: `release()` gives it back. */
export interface DirLock {
  readonly path: string;
  release(): void;
}

/**
 * Holds `dir` for this process with a lock file naming the pid. The file appears whole or not at
 * all (written aside, then hard-linked into place, which fails when it exists). A lock whose pid
 * is dead is stale: it is moved aside and taken over. A live holder (this process included) is
 * refused with an error naming the directory and the pid.
 */
export function lockDirectory(dir: string): DirLock {
  const path = join(dir, LOCK_FILE);
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, path);
        held.add(path);
        return {
          path,
          release: () => {
            held.delete(path);
            releaseLock(path);
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readPid(path);
      // This pid, but not held by this process: left by an earlier process that had the same pid
      // (a container restarted after a kill is pid 1 again).
      const earlierLife = holder === process.pid && !held.has(path);
      if (holder !== undefined && isAlive(holder) && !earlierLife) {
        throw new StoreError(
          dir,
          StoreFailure.locked,
          `the directory is held by process ${holder} (lock file ${path}); an embedded store is opened by one process at a time — stop that process, or share a PostgreSQL store between servers`,
        );
      }
      takeOver(path, holder);
    }
    throw new StoreError(
      dir,
      StoreFailure.locked,
      `could not take the lock file ${path} (other processes kept taking it)`,
    );
  } finally {
    unlinkQuietly(mine);
  }
}

function takeOver(path: string, stalePid: number | undefined): void {
  // Renamed aside, not deleted: of two processes taking over at once, one rename wins.
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readPid(aside);
  if (moved !== stalePid && moved !== undefined && isAlive(moved)) {
    // A live holder's fresh lock was moved by mistake: put it back (unless a third took the place).
    try {
      linkSync(aside, path);
    } catch {
      // the next attempt reads whoever holds it now
    }
  }
  unlinkQuietly(aside);
}

function releaseLock(path: string): void {
  if (readPid(path) === process.pid) unlinkQuietly(path);
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
