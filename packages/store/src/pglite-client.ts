import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDirectory } from './dir-lock.js';
import type { SqlClient, SqlQueries } from './sql-client.js';

/** The PGlite data directory inside a store directory (the lock file sits beside it). */
export const PGLITE_DATA = 'pgdata';

/**
 * The embedded engine: PGlite (PostgreSQL compiled to WebAssembly) on `<dir>/pgdata`, the
 * directory held by this process (`dir-lock.ts`) until `close()`.
 */
export async function openPgliteClient(dir: string): Promise<SqlClient> {
  mkdirSync(dir, { recursive: true });
  const lock = lockDirectory(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dir, PGLITE_DATA));
  } catch (error) {
    lock.release();
    throw error;
  }
  let closed = false;
  return {
    ...queries(db),
    transaction: (fn) => db.transaction((tx) => fn(queries(tx))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        lock.release();
      }
    },
  };
}

function queries(db: PGlite | Transaction): SqlQueries {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<R>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}
