import type { EstateGraph } from '../graph/estate-graph.js';
import { wildcardToRegExp } from '../link/arn.js';
import type { Confidence, NodeAttributes } from '../model/graph-types.js';
import { parseNodeId } from '../model/node-id.js';
import { blastRadius, type Reached } from './blast-radius.js';
import { consumerNote, isConfigConduit } from './config-consumers.js';
import { type Notice, noticeOf, RUNTIME_TYPES } from './notice.js';
import type { Action, Change, Impact, PathStep, Severity } from './result-types.js';

export interface AnalyseOptions {
  now: Date;
  maxDepth?: number;
  /** Impacted nodes at most per change. */
  limit?: number;
}

const DAY = 86_400_000;
/** Nodes that only pass a value along; they do not break by themselves. */
const CONDUIT_TYPES = new Set(['terraform_remote_state']);
/** Grants are affected by what they grant on; nothing depends on a grant being valid. */
const TERMINAL = new Set(['iam_grant', 'policy_grants']);
const IMPACTING: ReadonlySet<Action> = new Set(['delete', 'replace', 'rename', 'remove_output']);

/**
 * The impacted nodes of each change, with severity, the shortest path as the "why", and when
 * each will be noticed. A node hit by several changes is reported once, for its worst one.
 */
export function analyseChanges(
  graph: EstateGraph,
  changes: readonly Change[],
  options: AnalyseOptions,
): { impacts: Impact[]; truncated: number } {
  const byId = new Map<string, Impact>();
  const changedIds = new Set(changes.map((c) => c.id).filter((x): x is string => x !== null));
  let truncated = 0;
  for (const change of changes) {
    if (!change.id || !IMPACTING.has(change.action) || !graph.hasNode(change.id)) continue;
    const radius = blastRadius(graph, [change.id], {
      terminal: (_edge, attrs) => TERMINAL.has(attrs.kind),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
    });
    truncated += radius.truncated;
    // Paths share their hops: one step object per edge, however many paths run through it.
    const steps = new Map<string, PathStep>();
    const ctx = judgeContext(graph, change, options.now);
    for (const r of radius.reached) {
      // A node the same plan changes itself is reported as a change, not as an impact.
      if (changedIds.has(r.id)) continue;
      const path = pathOf(graph, r, radius.seen, steps);
      const impact = judge(graph, ctx, r, path);
      const known = byId.get(r.id);
      if (!known) byId.set(r.id, impact);
      else if (rank(impact.severity) < rank(known.severity)) {
        byId.set(r.id, {
          ...impact,
          alsoChangedBy: [...new Set([known.cause, ...(known.alsoChangedBy ?? [])])],
        });
      } else if (known.cause !== impact.cause && !(known.alsoChangedBy ?? []).includes(impact.cause)) {
        known.alsoChangedBy = [...(known.alsoChangedBy ?? []), impact.cause];
      }
    }
  }
  const impacts = [...byId.values()].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      a.distance - b.distance ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { impacts, truncated };
}

function rank(s: Severity): number {
  return ['irrecoverable', 'breaks', 'degraded', 'info'].indexOf(s);
}

function pathOf(
  graph: EstateGraph,
  r: Reached,
  reached: ReadonlyMap<string, Reached>,
  steps: Map<string, PathStep>,
): PathStep[] {
  const path: PathStep[] = [];
  let current: Reached | undefined = r;
  while (current && current.via.length > 0) {
    const edge = firstSureEdge(graph, current.via);
    let step = steps.get(edge);
    if (!step) {
      const a = graph.getEdgeAttributes(edge);
      step = {
        from: graph.source(edge),
        to: graph.target(edge),
        kind: a.kind,
        attribute: a.attribute,
        confidence: a.confidence,
      };
      if (a.evidence) step.evidence = a.evidence;
      if (a.candidates) step.candidates = a.candidates;
      steps.set(edge, step);
    }
    path.push(step);
    current = reached.get(step.to);
  }
  return path;
}

/**
 * Of a node's shortest first hops, the first found, unless it is doubtful (an ambiguous name, a
 * guessed remote-state read) and another is not: the "why" rests on the best evidence there is.
 */
function firstSureEdge(graph: EstateGraph, via: readonly string[]): string {
  const first = via[0] as string;
  if (via.length === 1 || !doubtful(graph.getEdgeAttribute(first, 'confidence'))) return first;
  return via.find((e) => !doubtful(graph.getEdgeAttribute(e, 'confidence'))) ?? first;
}

function doubtful(c: Confidence): boolean {
  return c === 'guess' || c === 'ambiguous';
}

/**
 * Whether Terraform itself knows every hop of a path (a reference in configuration or state
 * `dependencies`): then it re-plans the dependent in the same apply as the change.
 */
function terraformKnows(graph: EstateGraph, path: readonly PathStep[]): boolean {
  for (const s of path) {
    if (s.confidence === 'reference') continue;
    if (!graph.someOutEdge(s.from, (_e, a, _s, t) => t === s.to && a.confidence === 'reference'))
      return false;
  }
  return true;
}

/** The weakest link of a path, when it is a guess or an ambiguous name: the impact says so. */
function doubtOf(path: readonly PathStep[]): 'guess' | 'ambiguous' | undefined {
  let doubt: 'guess' | 'ambiguous' | undefined;
  for (const s of path) {
    if (s.confidence === 'guess') return 'guess';
    if (s.confidence === 'ambiguous') doubt = 'ambiguous';
  }
  return doubt;
}

/** What every impact of one change shares, worked out once per change rather than per impact. */
interface JudgeContext {
  change: Change;
  cause: NodeAttributes;
  now: Date;
  window: number | undefined;
  /** End of the recovery window of a deleted secret. */
  windowEnd: Date | undefined;
  windowEndIso: string | undefined;
  /** Reason strings by template, so a thousand impacts share a handful of strings. */
  reasons: Map<string, string>;
}

function judgeContext(graph: EstateGraph, change: Change, now: Date): JudgeContext {
  const cause = graph.getNodeAttributes(change.id as string);
  const window = change.recoveryWindowDays ?? cause.secret?.recoveryWindowDays;
  const windowEnd =
    change.action === 'delete' && window !== undefined && cause.secret
      ? new Date(now.getTime() + window * DAY)
      : undefined;
  return {
    change,
    cause,
    now,
    window,
    windowEnd,
    windowEndIso: windowEnd?.toISOString(),
    reasons: new Map(),
  };
}

function judge(graph: EstateGraph, ctx: JudgeContext, r: Reached, path: PathStep[]): Impact {
  const { change, cause, now, window } = ctx;
  const node = graph.getNodeAttributes(r.id);
  // A step crosses workspaces when its two ends belong to different workspaces.
  let crossWorkspace = false;
  for (const s of path) {
    if (!sameWorkspace(s.from, s.to)) {
      crossWorkspace = true;
      break;
    }
  }
  // Terraform re-plans, in the same apply, what it knows depends on the change: outputs, and what
  // reaches it by references alone. A resource that holds the name or ARN as a literal (an
  // environment variable, a task definition) is left alone by the plan and breaks like any other.
  const sameApply = !crossWorkspace && (node.kind === 'output' || terraformKnows(graph, path));
  // A removed output breaks its readers' next plan, whatever runs meanwhile; what a provider
  // manages is held up at its workspace's next plan, whatever it is.
  const managed = path[0]?.kind === 'managed_by' && !sameApply;
  const notice: Notice =
    (change.action === 'remove_output' && crossWorkspace && node.kind !== 'external') || managed
      ? { by: { kind: 'next-apply' as const, workspace: node.workspace }, at: null }
      : noticeOf(graph, r.id, cause.workspace, now, sameApply);
  const stateFile = graph.hasNode(node.workspace)
    ? graph.getNodeAttributes(node.workspace).stateFile
    : undefined;
  let { severity, reason } = severityOf(ctx, graph, r.id, node, path, notice, crossWorkspace);
  // A resource that depends on a broken consumer (an ECS service on its task definition) is degraded
  // with it, not broken by the change itself: the consumer it depends on is listed with the cause.
  const first = path[0];
  // Secrets (and keys) carry the break on: what reads a secret encrypted by a deleted key breaks too.
  const via = first ? graph.getNodeAttributes(first.to) : undefined;
  const indirect =
    first !== undefined &&
    via !== undefined &&
    path.length > 1 &&
    first.kind !== 'schedules' &&
    via.kind === 'resource' &&
    via.secret === undefined &&
    (severity === 'breaks' || severity === 'irrecoverable');
  if (indirect) {
    const runs =
      node.type !== undefined &&
      (RUNTIME_TYPES.has(node.type) || node.type === 'aws_cloudwatch_event_target');
    severity = runs ? 'degraded' : 'info';
    reason = reasonFor(ctx, 'indirect', via.address ?? '');
  }
  const broken = severity === 'breaks' || severity === 'irrecoverable';
  if (broken && !indirect) {
    // A consumer only configuration shows says when its workspace notices, and how.
    const note = consumerNote(graph, r.id, node, path);
    if (note !== '') reason = reasonFor(ctx, 'note', `${reason}${note}`);
    // A resource its provider can no longer manage is held up, not broken.
    if (managed) severity = 'degraded';
  }
  const doubt = doubtOf(path);
  if (doubt === 'guess' && (severity === 'breaks' || severity === 'irrecoverable')) {
    // Which output of the remote state it reads is unknown: it may not read this one at all.
    severity = 'degraded';
    const reader = path.find((s) => s.confidence === 'guess');
    reason = reasonFor(ctx, 'guess', reader ? (parseNodeId(reader.to).address ?? reader.to) : '');
  }
  const impact: Impact = {
    id: r.id,
    workspace: node.workspace,
    address: node.kind === 'workspace' || node.kind === 'external' ? null : node.address,
    kind: node.kind,
    label: node.label,
    severity,
    cause: change.address,
    causeId: change.id as string,
    action: change.action,
    reason,
    noticedAt: notice.at ? (notice.at === now ? nowIso(ctx) : notice.at.toISOString()) : null,
    noticedBy: notice.by,
    distance: r.distance,
    path,
  };
  if (doubt) {
    impact.confidence = doubt;
    if (doubt === 'ambiguous') impact.reason = `${reason} (${reasonFor(ctx, 'ambiguous')})`;
  }
  if (node.type) impact.type = node.type;
  if (cause.name) impact.causeName = cause.name;
  if (node.source) impact.source = node.source;
  if (stateFile) impact.stateFile = stateFile;
  if (ctx.windowEnd && ctx.windowEndIso) {
    impact.window = { endsAt: ctx.windowEndIso };
    if (notice.at) {
      const diff = notice.at.getTime() - ctx.windowEnd.getTime();
      if (diff > 0) impact.window.missedBy = formatDuration(diff);
      else if (window !== undefined && window > 0) impact.window.marginBefore = formatDuration(-diff);
    }
  }
  return impact;
}

function nowIso(ctx: JudgeContext): string {
  let iso = ctx.reasons.get('now-iso');
  if (iso === undefined) {
    iso = ctx.now.toISOString();
    ctx.reasons.set('now-iso', iso);
  }
  return iso;
}

type ReasonKey =
  | 'same-apply'
  | 'passes'
  | 'reads'
  | 'reads-indirectly'
  | 'covered'
  | 'uncovered'
  | 'by-name'
  | 'retired'
  | 'dangling'
  | 'deletes'
  | 'no-window'
  | 'after-window'
  | 'within-window'
  | 'depends'
  | 'indirect'
  | 'guess'
  | 'ambiguous'
  | 'ssm-gone'
  | 'note';

/**
 * The reason sentence of one kind for one change (and, for `retired` and `indirect`, one
 * workspace or address), built once: a thousand impacts share a handful of strings.
 */
function reasonFor(ctx: JudgeContext, key: ReasonKey, extra = ''): string {
  const cacheKey = extra === '' ? key : `${key}|${extra}`;
  const hit = ctx.reasons.get(cacheKey);
  if (hit !== undefined) return hit;
  const { change, cause, window } = ctx;
  const what = cause.name ? `${cause.type ?? cause.kind} ${cause.name}` : change.address;
  const renamed = change.action === 'rename' || change.newName !== undefined;
  let r: string;
  switch (key) {
    case 'same-apply':
      r = `updated by the same apply of ${cause.workspace}`;
      break;
    case 'passes':
      r = `passes ${what} on to its readers`;
      break;
    case 'reads':
      r = `reads ${change.address}, which the change removes: its next plan fails`;
      break;
    case 'reads-indirectly':
      r = `its configuration reads a value that depends on the removed ${change.address}`;
      break;
    case 'covered':
      r = `a policy pattern covers ${what} and still covers it after the ${change.action}`;
      break;
    case 'uncovered':
      r = `a policy pattern covers ${what} but not its new name ${change.newName ?? ''}`;
      break;
    case 'by-name':
      r = `refers to ${what} by name, which the new secret keeps`;
      break;
    case 'retired':
      r = `holds the ${renamed ? 'old name/ARN' : 'old ARN'} of ${what}, which the ${change.action} retires; broken until ${extra} is applied again`;
      break;
    case 'dangling':
      r = `a policy grants access to ${what}; the grant becomes dangling`;
      break;
    case 'deletes':
      r = `depends on ${what}, which the change deletes`;
      break;
    case 'no-window':
      r = `${what} is deleted with no recovery window: its value is gone at once`;
      break;
    case 'after-window':
      r = `first notices after the ${window}-day recovery window of ${what} has closed: the value is gone for good`;
      break;
    case 'within-window':
      r = `depends on ${what}, which the change deletes (recoverable for ${window} days)`;
      break;
    case 'depends':
      r = `depends on ${what}`;
      break;
    case 'indirect':
      r = `depends on ${extra}, which the change breaks`;
      break;
    case 'guess':
      r = `depends on the remote state ${extra}, which passes ${what} on; which of its outputs it reads is unknown`;
      break;
    case 'ambiguous':
      r = `ambiguous: its account or region is unknown, and ${what}'s name matches producers in several`;
      break;
    case 'ssm-gone':
      r = `${what} is deleted: SSM parameters have no recovery window, its value is gone at once`;
      break;
    case 'note':
      // A reason with what a configuration-only consumer adds (given whole in `extra`).
      r = extra;
      break;
  }
  ctx.reasons.set(cacheKey, r);
  return r;
}

function severityOf(
  ctx: JudgeContext,
  graph: EstateGraph,
  id: string,
  node: NodeAttributes,
  path: PathStep[],
  notice: Notice,
  crossWorkspace: boolean,
): { severity: Severity; reason: string } {
  const { change, cause, window, now } = ctx;
  const last = path[path.length - 1];
  if (notice.by.kind === 'same-apply') return { severity: 'info', reason: reasonFor(ctx, 'same-apply') };
  if (node.kind === 'output' || (node.type && CONDUIT_TYPES.has(node.type)) || node.kind === 'workspace') {
    return { severity: 'info', reason: reasonFor(ctx, 'passes') };
  }
  // Terragrunt reads a dependency's outputs before Terraform runs: a removed one fails the unit
  // itself, even when its Terraform only passes the value on.
  if (
    isConfigConduit(graph, id, node) &&
    !(change.action === 'remove_output' && node.kind === 'dependency')
  ) {
    return { severity: 'info', reason: reasonFor(ctx, 'passes') };
  }
  switch (change.action) {
    case 'remove_output':
      // Only a direct reader's next plan fails; a reader of a reader keeps the last value it read.
      return readsDirectly(path, node.workspace, change.id as string, cause.workspace)
        ? { severity: 'breaks', reason: reasonFor(ctx, 'reads') }
        : { severity: 'info', reason: reasonFor(ctx, 'reads-indirectly') };
    case 'replace':
    case 'rename': {
      const renamed = change.action === 'rename' || change.newName !== undefined;
      const confidence = last?.confidence;
      if (confidence === 'wildcard') {
        const covered = !renamed || stillCovered(last?.evidence, cause, change.newName);
        return covered
          ? { severity: 'info', reason: reasonFor(ctx, 'covered') }
          : { severity: 'breaks', reason: reasonFor(ctx, 'uncovered') };
      }
      if ((confidence === 'name' || confidence === 'arn_without_suffix') && !renamed) {
        return { severity: 'info', reason: reasonFor(ctx, 'by-name') };
      }
      return { severity: 'breaks', reason: reasonFor(ctx, 'retired', node.workspace) };
    }
    case 'delete': {
      if (last?.kind === 'iam_grant') return { severity: 'info', reason: reasonFor(ctx, 'dangling') };
      if (window === undefined || !cause.secret)
        return { severity: 'breaks', reason: reasonFor(ctx, 'deletes') };
      if (cause.secret.service === 'ssm')
        return { severity: 'irrecoverable', reason: reasonFor(ctx, 'ssm-gone') };
      if (window === 0) return { severity: 'irrecoverable', reason: reasonFor(ctx, 'no-window') };
      const endsAt = now.getTime() + window * 86_400_000;
      if (notice.at && notice.at.getTime() > endsAt) {
        return { severity: 'irrecoverable', reason: reasonFor(ctx, 'after-window') };
      }
      return { severity: 'breaks', reason: reasonFor(ctx, 'within-window') };
    }
    default:
      return { severity: crossWorkspace ? 'degraded' : 'info', reason: reasonFor(ctx, 'depends') };
  }
}

/** Whether an IAM pattern (from the edge evidence `actions on <pattern>`) matches the secret's new ARN. */
function stillCovered(
  evidence: string | undefined,
  cause: NodeAttributes,
  newName: string | undefined,
): boolean {
  const pattern = evidence?.slice(evidence.lastIndexOf(' on ') + 4);
  if (!pattern || !newName || !cause.arn || !cause.name) return false;
  const newArn = cause.arn.replace(`:secret:${cause.name}`, `:secret:${newName}`);
  return wildcardToRegExp(pattern).test(newArn);
}

/** Whether the node's own configuration reads the removed output (through HCL or its remote state). */
function readsDirectly(
  path: PathStep[],
  workspace: string,
  causeId: string,
  causeWorkspace: string,
): boolean {
  const read = path.find((s) => s.to === causeId && s.kind === 'reads_output');
  return read !== undefined && workspace !== causeWorkspace && read.from.startsWith(`${workspace}::`);
}

/** Ids are `<workspace>::<address>`: whether two share the workspace prefix, without slicing. */
function sameWorkspace(a: string, b: string): boolean {
  const at = a.indexOf('::');
  const bt = b.indexOf('::');
  const la = at < 0 ? a.length : at;
  const lb = bt < 0 ? b.length : bt;
  return la === lb && prefixEqual(a, b, la);
}

function prefixEqual(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 min';
}
