import { randomBytes } from 'node:crypto';
import type { SqlQueries } from './sql-client.js';

const SETTING = 'digest_key';

/**
 * The key of the value digests: 32 random bytes, made by the first server that asks and kept. The
 * insert does nothing when another server made it first, and the key is read back, so every server
 * sharing the store uses the same one.
 */
export async function digestKey(db: SqlQueries): Promise<Uint8Array> {
  await db.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    SETTING,
    new Uint8Array(randomBytes(32)),
  ]);
  const rows = await db.query<{ value: Uint8Array }>('SELECT value FROM settings WHERE name = $1', [SETTING]);
  return new Uint8Array(rows[0]!.value);
}
