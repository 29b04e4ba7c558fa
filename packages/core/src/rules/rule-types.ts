import type { EstateGraph } from '../graph/estate-graph.js';

/** How loud a rule is; `off` silences it (`--rule id=off`). */
export const RuleLevel = { error: 'error', warn: 'warn', info: 'info', off: 'off' } as const;
export type RuleLevel = (typeof RuleLevel)[keyof typeof RuleLevel];

export interface Finding {
  rule: string;
  severity: Exclude<RuleLevel, 'off'>;
  /** Node the finding is about. */
  id: string;
  workspace: string;
  address: string | null;
  message: string;
  /** Identities and paths that support it (never values). */
  evidence: string[];
  source?: { file: string; line: number };
}

export type RawFinding = Omit<Finding, 'rule' | 'severity' | 'workspace' | 'address' | 'source'>;

export interface RuleContext {
  graph: EstateGraph;
  now: Date;
  /** Only these nodes need findings (a plan's touched resources); all when absent. */
  focus?: ReadonlySet<string>;
  /** Consumers of a node (cached): nodes that depend on it, without same-configuration plumbing. */
  consumersOf(id: string): Consumer[];
}

export interface Consumer {
  id: string;
  workspace: string;
  distance: number;
  /** Reached only through an ambiguous name or a guessed remote-state read. */
  doubtful?: boolean;
}

export interface Rule {
  id: string;
  title: string;
  level: Exclude<RuleLevel, 'off'>;
  check(ctx: RuleContext): RawFinding[];
}
