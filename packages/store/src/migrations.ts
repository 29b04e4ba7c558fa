/**
 * The schema, as an ordered list of numbered migrations shared by both engines. A migration is
 * never edited once released: a change of schema is a new entry at the end.
 *
 * Documents returned whole (`states`, `changes`, an alert's `payload`, `cleared`) are `json`, which
 * keeps them as written (key order included); small derived columns are `jsonb`.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'initial',
    sql: `
CREATE TABLE settings (
  name text PRIMARY KEY,
  value bytea NOT NULL
);

CREATE TABLE versions (
  version integer PRIMARY KEY CHECK (version > 0),
  recorded_at timestamptz NOT NULL,
  trigger text NOT NULL,
  estate text NOT NULL,
  totals jsonb NOT NULL,
  states json NOT NULL,
  changes json,
  -- derived from changes, for /api/history (which pages without reading the lists)
  summary jsonb,
  events jsonb NOT NULL
);
CREATE INDEX versions_recorded_at ON versions (recorded_at);

-- Only the latest version's baseline is kept (recordVersion deletes the others).
CREATE TABLE baselines (
  version integer PRIMARY KEY REFERENCES versions (version) ON DELETE CASCADE,
  snapshot bytea NOT NULL
);

CREATE TABLE alerts (
  id text PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  payload json NOT NULL,
  restore_before timestamptz,
  opened_at timestamptz NOT NULL DEFAULT now(),
  cleared json,
  cleared_at timestamptz
);
CREATE INDEX alerts_open ON alerts (seq) WHERE cleared IS NULL;

CREATE TABLE deliveries (
  alert_id text NOT NULL,
  event text NOT NULL,
  target text NOT NULL,
  status text NOT NULL CHECK (status IN ('sending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  claimed_at timestamptz NOT NULL,
  delivered_at timestamptz,
  last_error text,
  PRIMARY KEY (alert_id, event, target)
);
CREATE INDEX deliveries_undelivered ON deliveries (claimed_at) WHERE status <> 'delivered';
`,
  },
];
