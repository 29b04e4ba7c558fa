import type { EstateGraph } from '../graph/estate-graph.js';
import { wildcardToRegExp } from '../link/arn.js';
import type { NodeAttributes } from '../model/graph-types.js';
import { blastRadius, type Reached } from './blast-radius.js';
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
      terminal: (edge) => TERMINAL.has(graph.getEdgeAttribute(edge, 'kind')),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
    });
    truncated += radius.truncated;
    const reachedById = new Map(radius.reached.map((r) => [r.id, r]));
    for (const r of radius.reached) {
      // A node the same plan changes itself is reported as a change, not as an impact.
      if (changedIds.has(r.id)) continue;
      const path = pathOf(graph, r, reachedById);
      const impact = judge(graph, change, r, path, options.now);
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

function pathOf(graph: EstateGraph, r: Reached, reached: Map<string, Reached>): PathStep[] {
  const steps: PathStep[] = [];
  let current: Reached | undefined = r;
  while (current && current.via.length > 0) {
    const edge = current.via[0] as string;
    const a = graph.getEdgeAttributes(edge);
    const to = graph.target(edge);
    steps.push({
      from: graph.source(edge),
      to,
      kind: a.kind,
      attribute: a.attribute,
      confidence: a.confidence,
      ...(a.evidence ? { evidence: a.evidence } : {}),
    });
    current = reached.get(to);
  }
  return steps;
}

function judge(graph: EstateGraph, change: Change, r: Reached, path: PathStep[], now: Date): Impact {
  const node = graph.getNodeAttributes(r.id);
  const cause = graph.getNodeAttributes(change.id as string);
  // Ids are `<workspace>::<address>`: a step crosses workspaces when the prefixes differ.
  const crossWorkspace = path.some((s) => workspaceOf(s.from) !== workspaceOf(s.to));
  // A removed output breaks its readers' next plan, whatever runs meanwhile.
  const notice =
    change.action === 'remove_output' && crossWorkspace && node.kind !== 'external'
      ? { by: { kind: 'next-apply' as const, workspace: node.workspace }, at: null }
      : noticeOf(graph, r.id, cause.workspace, now, !crossWorkspace);
  const window = change.recoveryWindowDays ?? cause.secret?.recoveryWindowDays;
  const stateFile = graph.hasNode(node.workspace)
    ? graph.getNodeAttributes(node.workspace).stateFile
    : undefined;
  const judged = severityOf(change, cause, node, path, notice, window, now, crossWorkspace);
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
    (judged.severity === 'breaks' || judged.severity === 'irrecoverable');
  const runs =
    node.type !== undefined && (RUNTIME_TYPES.has(node.type) || node.type === 'aws_cloudwatch_event_target');
  const { severity, reason } = indirect
    ? {
        severity: runs ? ('degraded' as const) : ('info' as const),
        reason: `depends on ${graph.getNodeAttributes(first.to).address}, which the change breaks`,
      }
    : judged;
  const impact: Impact = {
    id: r.id,
    workspace: node.workspace,
    address: node.kind === 'workspace' || node.kind === 'external' ? null : node.address,
    kind: node.kind,
    ...(node.type ? { type: node.type } : {}),
    label: node.label,
    severity,
    cause: change.address,
    causeId: change.id as string,
    ...(cause.name ? { causeName: cause.name } : {}),
    action: change.action,
    reason,
    noticedAt: notice.at ? notice.at.toISOString() : null,
    noticedBy: notice.by,
    distance: r.distance,
    path,
    ...(node.source ? { source: node.source } : {}),
    ...(stateFile ? { stateFile } : {}),
  };
  if (change.action === 'delete' && window !== undefined && cause.secret) {
    const endsAt = new Date(now.getTime() + window * DAY);
    impact.window = { endsAt: endsAt.toISOString() };
    if (notice.at) {
      const diff = notice.at.getTime() - endsAt.getTime();
      if (diff > 0) impact.window.missedBy = formatDuration(diff);
      else if (window > 0) impact.window.marginBefore = formatDuration(-diff);
    }
  }
  return impact;
}

function severityOf(
  change: Change,
  cause: NodeAttributes,
  node: NodeAttributes,
  path: PathStep[],
  notice: Notice,
  window: number | undefined,
  now: Date,
  crossWorkspace: boolean,
): { severity: Severity; reason: string } {
  const last = path[path.length - 1];
  const what = cause.name ? `${cause.type ?? cause.kind} ${cause.name}` : change.address;
  if (notice.by.kind === 'same-apply') {
    return { severity: 'info', reason: `updated by the same apply of ${cause.workspace}` };
  }
  if (node.kind === 'output' || (node.type && CONDUIT_TYPES.has(node.type)) || node.kind === 'workspace') {
    return { severity: 'info', reason: `passes ${what} on to its readers` };
  }
  switch (change.action) {
    case 'remove_output':
      // Only a direct reader's next plan fails; a reader of a reader keeps the last value it read.
      return readsDirectly(path, node.workspace, change.id as string, cause.workspace)
        ? {
            severity: 'breaks',
            reason: `reads ${change.address}, which the change removes: its next plan fails`,
          }
        : {
            severity: 'info',
            reason: `its configuration reads a value that depends on the removed ${change.address}`,
          };
    case 'replace':
    case 'rename': {
      const renamed = change.action === 'rename' || change.newName !== undefined;
      const confidence = last?.confidence;
      if (confidence === 'wildcard') {
        const covered = !renamed || stillCovered(last?.evidence, cause, change.newName);
        return covered
          ? {
              severity: 'info',
              reason: `a policy pattern covers ${what} and still covers it after the ${change.action}`,
            }
          : {
              severity: 'breaks',
              reason: `a policy pattern covers ${what} but not its new name ${change.newName ?? ''}`,
            };
      }
      if ((confidence === 'name' || confidence === 'arn_without_suffix') && !renamed) {
        return { severity: 'info', reason: `refers to ${what} by name, which the new secret keeps` };
      }
      return {
        severity: 'breaks',
        reason: `holds the ${renamed ? 'old name/ARN' : 'old ARN'} of ${what}, which the ${change.action} retires; broken until ${node.workspace} is applied again`,
      };
    }
    case 'delete': {
      if (last?.kind === 'iam_grant') {
        return { severity: 'info', reason: `a policy grants access to ${what}; the grant becomes dangling` };
      }
      if (window === undefined || !cause.secret) {
        return { severity: 'breaks', reason: `depends on ${what}, which the change deletes` };
      }
      if (window === 0) {
        return {
          severity: 'irrecoverable',
          reason: `${what} is deleted with no recovery window: its value is gone at once`,
        };
      }
      const endsAt = now.getTime() + window * 86_400_000;
      if (notice.at && notice.at.getTime() > endsAt) {
        return {
          severity: 'irrecoverable',
          reason: `first notices after the ${window}-day recovery window of ${what} has closed: the value is gone for good`,
        };
      }
      return {
        severity: 'breaks',
        reason: `depends on ${what}, which the change deletes (recoverable for ${window} days)`,
      };
    }
    default:
      return { severity: crossWorkspace ? 'degraded' : 'info', reason: `depends on ${what}` };
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

function workspaceOf(id: string): string {
  const at = id.indexOf('::');
  return at < 0 ? id : id.slice(0, at);
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 min';
}
