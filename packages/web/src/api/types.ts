// Response shapes of the REST API (docs/api.md). Core types are imported as types only:
// @impact/core carries Node code that must never reach the browser bundle.
import type {
  Confidence,
  Diagnostic,
  EdgeKind,
  ImpactResult,
  NodeKind,
  SecretEvent,
  SecretFacts,
  Severity,
  StoredAlert,
  VersionHeader,
  VersionRecord,
} from '@impact/core';

export interface ApiErrorBody {
  error: { code: string; message: string; statusCode: number };
}

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  estate: { source: string; ingestedAt: string };
  counts: {
    workspaces: number;
    resources: number;
    outputs: number;
    nodes: number;
    edges: number;
    edgesByKind: Record<string, number>;
    /** Links by confidence, when the server sends them (the ingest stats have them). */
    edgesByConfidence?: Record<string, number>;
    /** Unresolved references, in total or by kind. */
    unresolved: number | Record<string, number>;
  };
  diagnostics: { error: number; warning: number; info: number };
  ingest: { state: 'idle' | 'running'; lastError?: string; lastAttemptAt?: string };
}

export interface SecretView {
  id: string;
  workspace: string;
  address: string;
  type: string;
  name: string;
  arn: string;
  service: 'secretsmanager' | 'ssm' | 'kms';
  recoveryWindowDays: number | null;
  rotation: { enabled: boolean; days?: number; lambdaArn?: string } | null;
  kmsKeyId?: string;
  replicaRegions?: string[];
  consumers: number;
  consumerWorkspaces: number;
  worstFinding: string | null;
}

export interface SecretsPage {
  total: number;
  offset: number;
  limit: number;
  items: SecretView[];
}

export interface NodeView {
  id: string;
  kind: NodeKind;
  workspace: string;
  address: string | null;
  label: string;
  type?: string;
  arn?: string;
  name?: string;
  region?: string;
  account?: string;
  secret?: Omit<SecretFacts, 'valueDigest'>;
  schedule?: { expression: string; timezone?: string; enabled?: boolean };
  source?: { file: string; line: number };
}

export interface EdgeView {
  key: string;
  from: string;
  to: string;
  kind: EdgeKind;
  attribute: string;
  confidence: Confidence;
  evidence?: string;
}

export interface NodeDetail {
  node: NodeView;
  in: EdgeView[];
  out: EdgeView[];
}

export interface SubgraphNode {
  id: string;
  label: string;
  kind: NodeKind;
  workspace: string;
  type?: string;
  distance: number;
  severity?: Severity;
}

export interface SubgraphEdge {
  key: string;
  from: string;
  to: string;
  kind: EdgeKind;
  confidence: Confidence;
}

export interface Subgraph {
  nodes: SubgraphNode[];
  edges: SubgraphEdge[];
  truncated: number;
}

export interface ImpactAnswer {
  result: ImpactResult;
  subgraph: Subgraph;
}

export interface WorkspaceView {
  name: string;
  backend: string;
  stateFile?: string;
  configDir?: string;
  resources: number;
  outputs: number;
  consumers: number;
  producers: number;
}

export interface WorkspaceDetail {
  workspace: WorkspaceView;
  nodes: NodeView[];
  consumerWorkspaces: string[];
  producerWorkspaces: string[];
}

/** A secret hygiene finding (GET /api/findings): identities, paths and messages, never values. */
export interface FindingView {
  rule: string;
  severity: 'error' | 'warn' | 'info';
  /** The node the finding is about. */
  id: string;
  workspace: string;
  address: string | null;
  message: string;
  evidence: string[];
  source?: { file: string; line: number };
}

/** `GET /api/findings`: one page of findings, worst first, and how many there are in all. */
export interface FindingsPage {
  total: number;
  offset: number;
  limit: number;
  findings: FindingView[];
}

export type { Diagnostic };

export type FindingSeverity = 'error' | 'warn' | 'info';

export interface MapWorkspace {
  name: string;
  resources: number;
  secrets: number;
  findings: Record<FindingSeverity, number>;
  worst: FindingSeverity | null;
}

export interface MapLink {
  /** The consumer workspace. */
  from: string;
  /** The producer workspace. */
  to: string;
  count: number;
  kinds: Record<string, number>;
}

export interface EstateMap {
  workspaces: MapWorkspace[];
  links: MapLink[];
}

/** What one ingest did (GET /api/sources `watch.lastSummary`). */
export interface IngestSummary {
  workspaces: number;
  fetched: number;
  reused: number;
  relinked: number;
  reread: number;
  removed: number;
  ms: number;
  /** Whether the live graph was patched in place (else built anew). */
  patched: boolean;
}

/** GET /api/sources: where the estate is read from, and how each source fared. */
export interface Sources {
  version: number;
  watch: { intervalMs: number; lastPollAt?: string; lastSummary?: IngestSummary } | null;
  sources: {
    name: string;
    kind: string;
    lastPollAt?: string;
    lastChangeAt?: string;
    objects: number;
    workspaces: number;
    fetched: number;
    lastError?: string;
    lastErrorAt?: string;
  }[];
}

/** Where the server records estate versions; null when it runs without a store (history off). */
export interface HistoryStoreInfo {
  kind: 'embedded' | 'postgres';
  location: string;
}

/** `GET /api/history`: a page of recorded versions, newest first; `next` is the `before=` of the page after. */
export interface HistoryPage {
  formatVersion: string;
  store: HistoryStoreInfo | null;
  versions: VersionHeader[];
  next: number | null;
}

/** `GET /api/changes`: the versions since a version or a time, oldest first. */
export interface ChangesAnswer {
  formatVersion: string;
  store: HistoryStoreInfo | null;
  versions: VersionRecord[];
}

export type AlertFilter = 'open' | 'cleared' | 'all';

/**
 * `GET /api/alerts`: alerts newest first (`status=open`, the default, lists those not cleared: open
 * and expired), the server's clock, and how many can still be restored.
 */
export interface AlertsAnswer {
  formatVersion: string;
  store: HistoryStoreInfo | null;
  now: string;
  alerts: StoredAlert[];
  open: number;
}

/** One secret event of a node's history, with the version that saw it. */
export interface NodeHistoryEvent {
  version: number;
  recordedAt: string;
  event: SecretEvent;
}

/** `GET /api/nodes/:id/history`: what the recorded versions say happened to one secret, newest first. */
export interface NodeHistory {
  formatVersion: string;
  store: HistoryStoreInfo | null;
  events: NodeHistoryEvent[];
  alerts: StoredAlert[];
  /** How many of the latest versions were looked through. */
  scanned: number;
}

export type { SecretEvent, StoredAlert, VersionHeader, VersionRecord };
