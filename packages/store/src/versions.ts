import type { SecretEvent, VersionHeader, VersionRecord } from '@impact/core';
import { ADVISORY_LOCK, type SqlClient, type SqlQueries } from './sql-client.js';

interface HeaderRow {
  version: number;
  recorded_at: Date | string;
  trigger: VersionRecord['trigger'];
  estate: string;
  totals: VersionRecord['totals'];
  summary: VersionHeader['summary'];
  events: VersionHeader['events'];
}

interface RecordRow extends HeaderRow {
  states: VersionRecord['states'];
  changes: VersionRecord['changes'];
}

const HEADER_COLUMNS = 'version, recorded_at, trigger, estate, totals, summary, events';
const RECORD_COLUMNS = 'version, recorded_at, trigger, estate, totals, states, changes';

export async function latestVersion(db: SqlQueries): Promise<number> {
  const rows = await db.query<{ latest: number }>(
    'SELECT coalesce(max(version), 0)::int AS latest FROM versions',
  );
  return rows[0]?.latest ?? 0;
}

/**
 * Records the next version and its baseline in one transaction, serialised among every recorder
 * by a transaction-scoped advisory lock (so two servers never both write version n). Only the
 * latest baseline is kept: the older ones are deleted in the same transaction.
 */
export async function recordVersion(
  client: SqlClient,
  record: Omit<VersionRecord, 'version'>,
  baseline: Uint8Array,
): Promise<VersionRecord> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [ADVISORY_LOCK.record]);
    const version = (await latestVersion(tx)) + 1;
    await tx.query(
      `INSERT INTO versions (version, recorded_at, trigger, estate, totals, states, changes, summary, events)
       VALUES ($1, $2::timestamptz, $3, $4, $5::jsonb, $6::json, $7::json, $8::jsonb, $9::jsonb)`,
      [
        version,
        record.recordedAt,
        record.trigger,
        record.estate,
        JSON.stringify(record.totals),
        JSON.stringify(record.states),
        record.changes === null ? null : JSON.stringify(record.changes),
        record.changes === null ? null : JSON.stringify(record.changes.summary),
        JSON.stringify(countEvents(record.changes?.secretEvents ?? [])),
      ],
    );
    await tx.query('INSERT INTO baselines (version, snapshot) VALUES ($1, $2)', [version, baseline]);
    await tx.query('DELETE FROM baselines WHERE version <> $1', [version]);
    const rows = await tx.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM versions WHERE version = $1`, [
      version,
    ]);
    return toRecord(rows[0]!);
  });
}

export async function baseline(db: SqlQueries): Promise<{ version: number; snapshot: Uint8Array } | null> {
  const rows = await db.query<{ version: number; snapshot: Uint8Array }>(
    'SELECT version, snapshot FROM baselines ORDER BY version DESC LIMIT 1',
  );
  const row = rows[0];
  // node-postgres gives a Buffer: hand back a plain Uint8Array either way.
  return row ? { version: row.version, snapshot: new Uint8Array(row.snapshot) } : null;
}

export async function history(
  db: SqlQueries,
  options: { limit: number; before?: number },
): Promise<VersionHeader[]> {
  const rows = await db.query<HeaderRow>(
    `SELECT ${HEADER_COLUMNS} FROM versions
     WHERE $1::int IS NULL OR version < $1::int
     ORDER BY version DESC LIMIT $2::int`,
    [options.before ?? null, Math.max(0, options.limit)],
  );
  return rows.map(toHeader);
}

export async function changes(
  db: SqlQueries,
  options: { sinceVersion?: number; sinceTime?: string; limit: number },
): Promise<VersionRecord[]> {
  const rows = await db.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM versions
     WHERE ($1::int IS NULL OR version > $1::int) AND ($2::timestamptz IS NULL OR recorded_at > $2::timestamptz)
     ORDER BY version ASC LIMIT $3::int`,
    [options.sinceVersion ?? null, options.sinceTime ?? null, Math.max(0, options.limit)],
  );
  return rows.map(toRecord);
}

export async function version(db: SqlQueries, version: number): Promise<VersionRecord | null> {
  const rows = await db.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM versions WHERE version = $1::int`, [
    version,
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

function countEvents(events: readonly SecretEvent[]): VersionHeader['events'] {
  const counts: VersionHeader['events'] = {};
  for (const { event } of events) counts[event] = (counts[event] ?? 0) + 1;
  return counts;
}

/** Times come back as the store normalised them: UTC, in milliseconds (`toISOString`). */
function isoTime(value: Date | string): string {
  return new Date(value).toISOString();
}

function toHeader(row: HeaderRow): VersionHeader {
  return {
    version: row.version,
    recordedAt: isoTime(row.recorded_at),
    trigger: row.trigger,
    estate: row.estate,
    totals: row.totals,
    summary: row.summary,
    events: row.events,
  };
}

function toRecord(row: RecordRow): VersionRecord {
  return {
    version: row.version,
    recordedAt: isoTime(row.recorded_at),
    trigger: row.trigger,
    estate: row.estate,
    totals: row.totals,
    states: row.states,
    changes: row.changes,
  };
}
