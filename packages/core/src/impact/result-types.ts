import type { Diagnostic } from '../model/diagnostic.js';
import type { Confidence, EdgeKind, NodeKind } from '../model/graph-types.js';
import type { Finding } from '../rules/rule-types.js';

/**
 * The canonical, versioned result of an impact analysis. Every report format
 * (text, markdown, sarif, github) is rendered from this and only this.
 */
export const RESULT_FORMAT_VERSION = '1.0';

/** Closed set, strongest first; replace is its own action (never delete + create). */
export const Action = {
  delete: 'delete',
  replace: 'replace',
  rename: 'rename',
  remove_output: 'remove_output',
  recovery_window_change: 'recovery_window_change',
  update: 'update',
  create: 'create',
} as const;
export type Action = (typeof Action)[keyof typeof Action];

export const Severity = {
  irrecoverable: 'irrecoverable',
  breaks: 'breaks',
  degraded: 'degraded',
  info: 'info',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];
export const SEVERITY_ORDER: readonly Severity[] = ['irrecoverable', 'breaks', 'degraded', 'info'];

export interface PathStep {
  /** Dependent (consumer) node id. */
  from: string;
  /** Dependency (producer) node id. */
  to: string;
  kind: EdgeKind;
  attribute: string;
  confidence: Confidence;
  evidence?: string;
  /** For an `ambiguous` step: every producer the name matched. */
  candidates?: string[];
}

export type NoticedBy =
  | {
      kind: 'schedule';
      scheduleId: string;
      expression: string;
      timezone?: string;
      latest?: boolean;
      /** The schedule's own name (rule or schedule `name`), when it has one. */
      name?: string;
    }
  | { kind: 'runtime' }
  | { kind: 'next-apply'; workspace: string }
  | { kind: 'same-apply'; workspace: string }
  | { kind: 'external' };

export interface Change {
  /** Node id in the estate, or null when the plan touches something the estate does not know. */
  id: string | null;
  workspace: string;
  address: string;
  type?: string;
  /** Terraform's own actions, as written in the plan (`["delete","create"]` …). */
  actions: string[];
  /** What impact makes of them. */
  action: Action;
  recoveryWindowDays?: number;
  /** The name after a rename or replace that changes it. */
  newName?: string;
  /** Human explanation of the change, e.g. renamed from → to. */
  detail?: string;
}

export interface Impact {
  id: string;
  workspace: string;
  /** Terraform address, or null for a workspace or an external principal. */
  address: string | null;
  kind: NodeKind;
  type?: string;
  label: string;
  severity: Severity;
  /** Address of the change this impact comes from. */
  cause: string;
  causeId: string;
  /** Physical name of the changed node (secret or parameter name …), when it has one. */
  causeName?: string;
  action: Action;
  /** Why this breaks, one sentence. */
  reason: string;
  /**
   * Set when the "why" rests on doubtful evidence: `ambiguous`, a name that matches producers in
   * several accounts or regions while the consumer's is unknown; `guess`, a resource that
   * depends on a remote state without saying which output it reads (at most `degraded`).
   * Neither fails `--fail-on breaks` by itself.
   */
  confidence?: 'ambiguous' | 'guess';
  /** When the consumer will notice (ISO 8601), null when it is the next apply of an unscheduled config. */
  noticedAt: string | null;
  noticedBy: NoticedBy;
  /** How the notice relates to the recovery window end, when there is one. */
  window?: { endsAt: string; missedBy?: string; marginBefore?: string };
  /** Hops from the changed node. */
  distance: number;
  /** One shortest path, consumer first, as the "why". */
  path: PathStep[];
  /** Further shortest paths of the same length (capped). */
  otherPaths?: PathStep[][];
  /** Source location of the consumer when its configuration was ingested. */
  source?: { file: string; line: number };
  /** State file of the consumer's workspace (relative to the estate root), when known. */
  stateFile?: string;
  /** Other changes (from other plans) that also hit this consumer. */
  alsoChangedBy?: string[];
}

export interface ImpactSummary {
  changes: number;
  impacted: number;
  bySeverity: Record<Severity, number>;
  /** Impacts whose "why" is ambiguous or a guess (present when there are any). */
  doubtful?: number;
  /** By the severity each counts as for `--fail-on` (a doubtful one at most `degraded`; present with `doubtful`). */
  failing?: Record<Severity, number>;
  workspaces: number;
  worst: Severity | null;
}

export interface ImpactResult {
  formatVersion: typeof RESULT_FORMAT_VERSION;
  tool: { name: 'impact'; version: string };
  /** Workspace(s) the analysed change belongs to. */
  workspace: string | null;
  workspaceInferred?: boolean;
  now: string;
  changes: Change[];
  impacts: Impact[];
  summary: ImpactSummary;
  /** Plan-level warnings such as a name re-used inside its recovery window. */
  warnings: { code: string; message: string; address?: string }[];
  diagnostics: Diagnostic[];
  /** Secret hygiene findings on the resources the change touches (and plan-level ones). */
  findings?: Finding[];
  /**
   * Impacts not in `impacts`: `impacts` all of them; `unanalysed` those cut by the analysis
   * limit or depth, which the summary does not count either (the rest were analysed and
   * counted, only not listed). The search stops expanding at the limit, so `unanalysed` counts
   * the nodes it had found by then: a lower bound.
   */
  truncated?: { impacts: number; unanalysed?: number };
}
