import { createSqlStore } from './create-sql-store.js';
import { describeStore, isPostgresSpec, urlPassword } from './describe-store.js';
import { migrate } from './migrate.js';
import { createPgClient, type PgClientOptions } from './pg-client.js';
import { createPgLead } from './pg-lead.js';
import { openPgliteClient } from './pglite-client.js';
import type { Lead, SqlClient } from './sql-client.js';
import { StoreError, StoreFailure, scrubMessage } from './store-error.js';
import type { HistoryStore } from './store-types.js';

export type OpenStoreOptions = PgClientOptions;

/** The embedded store's directory is held by this process alone: it always leads. */
const SOLE_LEAD: Lead = {
  tryLead: async () => true,
  resign: async () => {},
  close: async () => {},
};

/**
 * Opens a store and brings its schema up to date. `spec` is a directory (embedded PGlite, created
 * when missing, held by this process until `close()`) or a `postgres://` / `postgresql://` URL
 * (shared by any number of servers). Fails with a {@link StoreError} that never quotes a password.
 */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<HistoryStore> {
  const location = describeStore(spec);
  if (!isPostgresSpec(spec)) {
    const client = await openPgliteClient(location);
    await migrateOrClose(client, location, undefined);
    return createSqlStore('embedded', location, client, SOLE_LEAD);
  }
  try {
    new URL(spec);
  } catch {
    throw new StoreError(location, StoreFailure.invalidSpec, 'not a valid PostgreSQL URL');
  }
  const password = urlPassword(spec);
  let client: SqlClient;
  try {
    client = createPgClient(spec, options);
  } catch (error) {
    throw new StoreError(location, StoreFailure.invalidSpec, scrubMessage(error, password));
  }
  await migrateOrClose(client, location, password);
  return createSqlStore('postgres', location, client, createPgLead(spec, options.connectTimeoutMs));
}

async function migrateOrClose(
  client: SqlClient,
  location: string,
  password: string | undefined,
): Promise<void> {
  try {
    await migrate(client);
  } catch (error) {
    await client.close().catch(() => {});
    const reason = scrubMessage(error, password);
    const connecting = isConnectionError(error);
    throw new StoreError(
      location,
      connecting ? StoreFailure.unreachable : StoreFailure.migration,
      connecting ? `cannot connect: ${reason}` : `cannot bring the schema up to date: ${reason}`,
    );
  }
}

/** Socket errors (ECONNREFUSED …) and PostgreSQL's connection and authorisation classes (08, 28, 3D). */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error && /timeout|terminated/i.test(error.message);
  return /^E[A-Z]+$/.test(code) || /^(08|28|3D)/.test(code);
}
