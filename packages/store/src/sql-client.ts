/** What the store's queries need from an engine: one dialect (PostgreSQL's), two engines. */
export interface SqlQueries {
  /** One statement, with `$1`-style parameters; rows as objects. */
  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlQueries {
  /** Runs `fn` in one transaction on one connection: committed when it resolves, else rolled back. */
  transaction<T>(fn: (tx: SqlQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Who records and polls among the servers sharing a store. */
export interface Lead {
  tryLead(): Promise<boolean>;
  resign(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The advisory lock keys (one bigint space per database): constants, so every impact server
 * sharing a database agrees on them. Chosen to be unlikely to collide with another application's.
 */
export const ADVISORY_LOCK = {
  migrate: 7_300_140_001,
  lead: 7_300_140_002,
  record: 7_300_140_003,
} as const;
