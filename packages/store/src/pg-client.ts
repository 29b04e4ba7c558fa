import pg from 'pg';
import type { SqlClient, SqlQueries } from './sql-client.js';

export interface PgClientOptions {
  /** Connections in the pool (default 5). */
  poolSize?: number;
  /** How long a connection attempt may take (default 10 s). */
  connectTimeoutMs?: number;
}

/** The PostgreSQL engine: node-postgres with a pool; a transaction holds one pooled connection. */
export function createPgClient(url: string, options: PgClientOptions = {}): SqlClient {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 5,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // An idle connection that dies (a server restart) is dropped by the pool; the next query opens
  // another. Without a listener, the error would end the process.
  pool.on('error', () => {});
  let closed = false;
  return {
    ...queries(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(queries(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollback) {
          broken = rollback instanceof Error ? rollback : new Error(String(rollback));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function queries(db: pg.Pool | pg.PoolClient): SqlQueries {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query(sql, [...params]);
      return result.rows as R[];
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which takes several statements.
      await db.query(sql);
    },
  };
}
