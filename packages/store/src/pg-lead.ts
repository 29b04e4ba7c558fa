import pg from 'pg';
import { ADVISORY_LOCK, type Lead } from './sql-client.js';

/**
 * The lead among servers sharing a PostgreSQL store: a session-level advisory lock held on one
 * connection of its own, kept for the store's life. The lock lives as long as that session: when
 * the connection dies, the lead is lost (false), and the next `tryLead` reconnects and tries again.
 */
export function createPgLead(url: string, connectTimeoutMs = 10_000): Lead {
  let client: pg.Client | undefined;
  let holding = false;
  // One step at a time: a poll and a resign must not interleave on the one connection.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step);
    queue = next.catch(() => {});
    return next;
  };

  const drop = () => {
    const dead = client;
    client = undefined;
    holding = false;
    dead?.end().catch(() => {});
  };

  const connect = async (): Promise<pg.Client> => {
    const fresh = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
    fresh.on('error', () => {
      if (client === fresh) drop();
    });
    try {
      await fresh.connect();
    } catch (error) {
      await fresh.end().catch(() => {});
      throw error;
    }
    client = fresh;
    return fresh;
  };

  return {
    tryLead: () =>
      serial(async () => {
        try {
          if (client && holding) {
            // Still the same session, hence still the lock.
            await client.query('SELECT 1');
            return true;
          }
          const session = client ?? (await connect());
          const { rows } = await session.query<{ ok: boolean }>(
            'SELECT pg_try_advisory_lock($1::bigint) AS ok',
            [ADVISORY_LOCK.lead],
          );
          holding = rows[0]?.ok === true;
          return holding;
        } catch {
          drop();
          return false;
        }
      }),
    resign: () =>
      serial(async () => {
        if (!client || !holding) return;
        holding = false;
        try {
          await client.query('SELECT pg_advisory_unlock($1::bigint)', [ADVISORY_LOCK.lead]);
        } catch {
          drop(); // a dead session holds nothing
        }
      }),
    close: () =>
      serial(async () => {
        const session = client;
        client = undefined;
        holding = false;
        // Ending the session releases its locks.
        await session?.end().catch(() => {});
      }),
  };
}
