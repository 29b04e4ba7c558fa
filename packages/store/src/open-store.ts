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
  // A libpq key=value string (`host=db password=…`) is not a directory name either.
  if (/\s/.test(spec) && /\w=/.test(spec))
    throw new StoreError(
      location,
      StoreFailure.invalidSpec,
      'a key=value connection string is not supported: give a postgres:// URL (or a directory)',
    );
  // Another scheme (mysql://, s3://) is a mistake, not a directory named `mysql:`.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(spec)?.[1];
  if (scheme !== undefined && !isPostgresSpec(spec))
    throw new StoreError(
      location,
      StoreFailure.invalidSpec,
      `${scheme}:// is not a store: give a directory, or a postgres:// (postgresql://) URL`,
    );
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
