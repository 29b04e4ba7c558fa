import type { DeletionAlert, StoredAlert, VersionHeader, VersionRecord } from '@impact/core';

/**
 * impact's memory (issue 14): every recorded version of the estate, the deletion alerts and
 * their webhook deliveries. One schema and one set of numbered migrations for both engines:
 * embedded (PGlite, a directory) and PostgreSQL (a URL). Holds no secret value: the only secret
 * material is the key of the value digests, so digests compare across versions and servers.
 */
export interface HistoryStore {
  readonly kind: 'embedded' | 'postgres';
  /** Where it is, fit to print: a directory, or the URL without its password. */
  readonly location: string;

  /** The key of the value digests (32 random bytes), made on first use and kept. */
  digestKey(): Promise<Uint8Array>;

  /**
   * Tries to be (or stay) the one recorder and poller among the servers sharing this store
   * (PostgreSQL: a session advisory lock on a connection of its own; embedded: always true,
   * the directory is held by one process). Cheap: called at every poll.
   */
  tryLead(): Promise<boolean>;
  /** Gives the lead up (a closing server), so another takes it at its next poll. */
  resign(): Promise<void>;

  /** The last recorded version's number, 0 when none. */
  latestVersion(): Promise<number>;
  /**
   * Records the next version, and the baseline graph it describes (a value-free snapshot,
   * gzipped NDJSON as `snapshotLines` writes it), in one transaction. The number is given by the
   * store (the one after the latest). Concurrent recorders are serialised (a transaction-scoped
   * advisory lock on PostgreSQL).
   */
  recordVersion(record: Omit<VersionRecord, 'version'>, baseline: Uint8Array): Promise<VersionRecord>;
  /** The baseline graph of the latest version, or null when none has been recorded. */
  baseline(): Promise<{ version: number; snapshot: Uint8Array } | null>;
  /** Newest first: versions before `before` (exclusive; default: from the latest), at most `limit`. */
  history(options: { limit: number; before?: number }): Promise<VersionHeader[]>;
  /** Oldest first: full records after `sinceVersion`, or recorded after `sinceTime`, at most `limit`. */
  changes(options: { sinceVersion?: number; sinceTime?: string; limit: number }): Promise<VersionRecord[]>;
  /** One version, or null. */
  version(version: number): Promise<VersionRecord | null>;

  /** Inserts an alert unless one with its id exists; true when it was new. */
  openAlert(alert: DeletionAlert): Promise<boolean>;
  /** Marks an open alert cleared; true when it was open. */
  clearAlert(id: string, cleared: { at: string; version: number; reason: string }): Promise<boolean>;
  /** Alerts, newest first; `status: 'open'` gives the not-yet-cleared ones (expired included). */
  alerts(options?: { status?: 'open' | 'cleared' | 'all'; limit?: number }): Promise<StoredAlert[]>;

  /**
   * Claims the delivery of one event of one alert to one target. True for exactly one caller
   * across every process sharing the store; a claim left `sending` for `staleMs` (its sender
   * died) can be claimed again. A delivered one is never claimed again.
   */
  claimDelivery(key: DeliveryKey, staleMs: number): Promise<boolean>;
  /** Records how a claimed delivery ended. */
  finishDelivery(key: DeliveryKey, outcome: { ok: boolean; attempts: number; error?: string }): Promise<void>;
  /** Deliveries claimed or failed but not delivered (to retry at the next poll), oldest first. */
  undelivered(): Promise<(DeliveryKey & { attempts: number; lastError?: string })[]>;
  /** Every delivery of an alert (for the API and tests). */
  deliveries(alertId: string): Promise<DeliveryRecord[]>;

  close(): Promise<void>;
}

export interface DeliveryKey {
  alertId: string;
  /** `secret.deleted` / `secret.replaced` / `secret.restored`. */
  event: string;
  /** The webhook URL, as given (it is never shown: see `targetLabel`). */
  target: string;
}

export interface DeliveryRecord extends DeliveryKey {
  status: 'sending' | 'delivered' | 'failed';
  attempts: number;
  claimedAt: string;
  deliveredAt?: string;
  lastError?: string;
}
