import type { SqlQueries } from './sql-client.js';
import type { DeliveryKey, DeliveryRecord } from './store-types.js';

interface DeliveryRow {
  alert_id: string;
  event: string;
  target: string;
  status: DeliveryRecord['status'];
  attempts: number;
  claimed_at: Date | string;
  delivered_at: Date | string | null;
  last_error: string | null;
}

/** Attempts after which a failed delivery is given up (it stays `failed`, listed by `undelivered`). */
export const MAX_ATTEMPTS = 25;

/**
 * True for exactly one caller: the one whose insert makes the row, else the one whose update
 * re-claims one left `sending` for `staleMs` (its sender died), or a failed one last tried
 * `staleMs` ago — unless the receiver refused it (a 4xx, `…: refused`) or it failed
 * {@link MAX_ATTEMPTS} times: those are given up. Both are single
 * statements, so PostgreSQL's row locks decide between concurrent callers: the loser re-reads the
 * row the winner wrote, which no longer matches. A delivered row never matches.
 */
export async function claimDelivery(db: SqlQueries, key: DeliveryKey, staleMs: number): Promise<boolean> {
  const params = [key.alertId, key.event, key.target];
  const inserted = await db.query(
    `INSERT INTO deliveries (alert_id, event, target, status, attempts, claimed_at)
     VALUES ($1, $2, $3, 'sending', 0, clock_timestamp())
     ON CONFLICT (alert_id, event, target) DO NOTHING RETURNING alert_id`,
    params,
  );
  if (inserted.length === 1) return true;
  const reclaimed = await db.query(
    `UPDATE deliveries SET status = 'sending', claimed_at = clock_timestamp()
     WHERE alert_id = $1 AND event = $2 AND target = $3
       AND claimed_at <= clock_timestamp() - make_interval(secs => $4::double precision / 1000)
       AND (status = 'sending'
         OR (status = 'failed' AND attempts < ${MAX_ATTEMPTS} AND coalesce(last_error, '') NOT LIKE '%: refused'))
     RETURNING alert_id`,
    [...params, Math.max(0, staleMs)],
  );
  return reclaimed.length === 1;
}

/** Records how a claimed delivery ended; a delivered one stays delivered. */
export async function finishDelivery(
  db: SqlQueries,
  key: DeliveryKey,
  outcome: { ok: boolean; attempts: number; error?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO deliveries AS d (alert_id, event, target, status, attempts, claimed_at, delivered_at, last_error)
     VALUES ($1, $2, $3, $4::text, $5::int, clock_timestamp(), CASE WHEN $4::text = 'delivered' THEN clock_timestamp() END, $6::text)
     ON CONFLICT (alert_id, event, target) DO UPDATE
       SET status = excluded.status, attempts = excluded.attempts,
           delivered_at = excluded.delivered_at, last_error = excluded.last_error
       WHERE d.status <> 'delivered'`,
    [
      key.alertId,
      key.event,
      key.target,
      outcome.ok ? 'delivered' : 'failed',
      outcome.attempts,
      outcome.ok ? null : (outcome.error ?? null),
    ],
  );
}

export async function undelivered(
  db: SqlQueries,
): Promise<(DeliveryKey & { attempts: number; lastError?: string })[]> {
  const rows = await db.query<DeliveryRow>(
    `SELECT * FROM deliveries WHERE status <> 'delivered' ORDER BY claimed_at, alert_id, event, target`,
  );
  return rows.map((row) => {
    const item: DeliveryKey & { attempts: number; lastError?: string } = {
      alertId: row.alert_id,
      event: row.event,
      target: row.target,
      attempts: row.attempts,
    };
    if (row.last_error !== null) item.lastError = row.last_error;
    return item;
  });
}

export async function deliveries(db: SqlQueries, alertId: string): Promise<DeliveryRecord[]> {
  const rows = await db.query<DeliveryRow>(
    'SELECT * FROM deliveries WHERE alert_id = $1 ORDER BY claimed_at, event, target',
    [alertId],
  );
  return rows.map((row) => {
    const record: DeliveryRecord = {
      alertId: row.alert_id,
      event: row.event,
      target: row.target,
      status: row.status,
      attempts: row.attempts,
      claimedAt: new Date(row.claimed_at).toISOString(),
    };
    if (row.delivered_at !== null) record.deliveredAt = new Date(row.delivered_at).toISOString();
    if (row.last_error !== null) record.lastError = row.last_error;
    return record;
  });
}
