import type { AlertStatus, DeletionAlert, StoredAlert } from '@impact/core';
import type { SqlQueries } from './sql-client.js';

/** How many alerts `alerts()` returns when no limit is given. */
export const DEFAULT_ALERT_LIMIT = 500;

interface AlertRow {
  payload: DeletionAlert;
  cleared: StoredAlert['cleared'] | null;
}

export async function openAlert(db: SqlQueries, alert: DeletionAlert): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO alerts (id, payload, restore_before) VALUES ($1, $2::json, $3::timestamptz)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [alert.id, JSON.stringify(alert), alert.restoreBefore],
  );
  return rows.length === 1;
}

export async function clearAlert(
  db: SqlQueries,
  id: string,
  cleared: { at: string; version: number; reason: string },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE alerts SET cleared = $2::json, cleared_at = $3::timestamptz
     WHERE id = $1 AND cleared IS NULL RETURNING id`,
    [id, JSON.stringify(cleared), cleared.at],
  );
  return rows.length === 1;
}

/** Newest first. `open` is every alert not cleared: open and expired (computed now, at read time). */
export async function alerts(
  db: SqlQueries,
  options: { status?: 'open' | 'cleared' | 'all'; limit?: number } = {},
): Promise<StoredAlert[]> {
  const status = options.status ?? 'all';
  const where =
    status === 'open' ? 'WHERE cleared IS NULL' : status === 'cleared' ? 'WHERE cleared IS NOT NULL' : '';
  const rows = await db.query<AlertRow>(
    `SELECT payload, cleared FROM alerts ${where} ORDER BY seq DESC LIMIT $1::int`,
    [Math.max(0, options.limit ?? DEFAULT_ALERT_LIMIT)],
  );
  const now = Date.now();
  return rows.map((row) => {
    const stored: StoredAlert = { ...row.payload, status: alertStatus(row, now) };
    if (row.cleared) stored.cleared = row.cleared;
    return stored;
  });
}

/** Expired: not cleared, and its window has closed (or it never had one: the value is already gone). */
function alertStatus(row: AlertRow, now: number): AlertStatus {
  if (row.cleared) return 'cleared';
  const { restoreBefore } = row.payload;
  if (restoreBefore === null || Date.parse(restoreBefore) <= now) return 'expired';
  return 'open';
}
