import type { Impact, ImpactSummary } from '../impact/result-types.js';
import type { EstateDiff, SecretEvent, SecretIdentity } from './diff-estates.js';

/** The version of the history documents (`/api/history`, `/api/changes`, `/api/alerts`, webhooks). */
export const HISTORY_FORMAT = '1.0';

/** One state an ingest read: which workspace, which version of it, and when the source says it changed. */
export interface StateVersionRef {
  workspace: string;
  /** The source's version of the state (ETag, generation, state version id, serial + lineage …). */
  version: string;
  /** The source's last-modified time of that version (ISO 8601), when it says. */
  updated?: string;
}

/** What recorded a version. */
export type VersionTrigger = 'start' | 'watch' | 'api' | 'cli';

/** The lists of ids a version keeps at most per category; the counts are always whole. */
export const CHANGE_LIST_LIMIT = 5_000;

/** What changed since the previous version: counts always, ids up to {@link CHANGE_LIST_LIMIT} each. */
export interface VersionChanges {
  summary: EstateDiff['summary'];
  workspaces: EstateDiff['workspaces'];
  resources: EstateDiff['resources'];
  edges: EstateDiff['edges'];
  /** Categories whose id list was cut at the limit (their count in `summary` is whole). */
  truncated?: string[];
  secretEvents: SecretEvent[];
}

/** One recorded ingest: when, from what, and what changed since the version before it. */
export interface VersionRecord {
  /** 1, 2, 3 … in the store. */
  version: number;
  recordedAt: string;
  trigger: VersionTrigger;
  /** The estate as the recorder named it (a directory, a source URL). */
  estate: string;
  /** How big the graph was. */
  totals: { workspaces: number; resources: number; edges: number };
  /** The states read (every workspace's current version, not only the changed ones). */
  states: StateVersionRef[];
  /** Null for the first version of a store: there is nothing to compare it with. */
  changes: VersionChanges | null;
}

/** A version without its lists: what `/api/history` pages through. */
export interface VersionHeader {
  version: number;
  recordedAt: string;
  trigger: VersionTrigger;
  estate: string;
  totals: VersionRecord['totals'];
  /** Null for the first version. */
  summary: EstateDiff['summary'] | null;
  /** Secret lifecycle events by kind (`deleted: 1` …). */
  events: Partial<Record<SecretEvent['event'], number>>;
}

export type AlertKind = 'secret_deleted' | 'secret_replaced';

/** How an alert stands now. `expired`: still not restored, and the window has closed. */
export type AlertStatus = 'open' | 'cleared' | 'expired';

/**
 * A secret, parameter or KMS key that disappeared (or whose ARN changed) between two versions,
 * analysed by the impact engine as a delete (or replace) made when its producing state changed.
 * Holds names, ARNs and consumers only: never a value, never a value's digest.
 */
export interface DeletionAlert {
  formatVersion: typeof HISTORY_FORMAT;
  /** Stable for one disappearance: the same on every server that sees it (delivery is keyed on it). */
  id: string;
  kind: AlertKind;
  secret: SecretIdentity;
  /** For a replace: the ARN the consumers may still hold. */
  previousArn?: string;
  /** The version that saw it go. */
  version: number;
  /** When impact saw it (the ingest). */
  observedAt: string;
  /** When the producing state changed: the source's last-modified time, else `observedAt`. */
  changedAt: string;
  /** Where `changedAt` came from. */
  changedAtFrom: 'source' | 'observed';
  /** The recovery (KMS: pending deletion) window the old graph had; null when it has none (SSM). */
  recoveryWindowDays: number | null;
  /** The end of the window; null when the value is already gone (an SSM parameter, a 0-day window). */
  restoreBefore: string | null;
  /** One sentence: can it still be restored, and how long for. */
  recoverability: string;
  /** What to run; absent when nothing brings it back. */
  fix?: { command: string; note?: string };
  /** The impact engine's answer, as in `/api/impact`: the worst 200 impacts (`summary` counts them all). */
  impacts: Impact[];
  summary: ImpactSummary;
  /** Consumers that will notice only after the window closed (irrecoverable unless restored). */
  afterWindow: number;
  /** A Slack-compatible one-paragraph text. */
  text: string;
}

/** An alert as the store keeps it: with how it stands. */
export interface StoredAlert extends DeletionAlert {
  status: AlertStatus;
  /** When it cleared, in which version, and why (`restored`: the same ARN is back). */
  cleared?: { at: string; version: number; reason: string };
}

/** What a webhook receives: the alert, flattened as issue 14 documents it. */
export interface AlertDelivery {
  /** `secret.deleted`, `secret.replaced`, or `secret.restored` when an alert clears. */
  event: 'secret.deleted' | 'secret.replaced' | 'secret.restored';
  id: string;
  workspace: string;
  name: string | null;
  arn: string | null;
  observedAt: string;
  changedAt: string;
  restoreBefore: string | null;
  impacts: Impact[];
  summary: ImpactSummary;
  fix: string | null;
  text: string;
}
