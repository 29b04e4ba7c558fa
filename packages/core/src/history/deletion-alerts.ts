import { createHash } from 'node:crypto';
import type { BuiltGraph } from '../graph/build-graph.js';
import type { EstateGraph } from '../graph/estate-graph.js';
import { queryImpact } from '../impact/query-impact.js';
import type { Impact } from '../impact/result-types.js';
import { nodeId } from '../model/node-id.js';
import { formatUtc } from '../report/format-utc.js';
import { noticeSentence } from '../report/notice-sentence.js';
import { textSafe } from '../report/text-safe.js';
import type { EstateDiff, SecretEvent, SecretIdentity } from './diff-estates.js';
import {
  type AlertDelivery,
  type DeletionAlert,
  HISTORY_FORMAT,
  type StateVersionRef,
  type StoredAlert,
} from './history-types.js';

const DAY = 86_400_000;
/** Impacted nodes an alert analyses at most (closest first), as the API's impact answers. */
const ANALYSED = 10_000;
/** Impacts an alert lists at most, worst first; its `summary` counts every one analysed. */
export const ALERT_IMPACTS_LISTED = 200;
/** Consumers an alert's text names at most (the JSON carries them all). */
const TEXT_CONSUMERS = 5;

export interface AlertContext {
  /** The version that saw the change. */
  version: number;
  /** When the ingest saw it. */
  observedAt: string;
  /** The states the new version read: a workspace's `updated` is when its state changed. */
  states: readonly StateVersionRef[];
}

/**
 * The deletion watch (issue 14): each secret, parameter or KMS key the diff saw deleted or
 * replaced becomes an alert, analysed by the impact engine on the old graph as a delete (or
 * replace) made when its producing state changed: who notices and when, who notices only after
 * the recovery window closed, the end of that window, and what to run.
 *
 * A secret counts as deleted only when its workspace is still in the estate (its state was read
 * and no longer holds it) and no workspace holds its ARN now: a state that could not be read, a
 * workspace that left the estate or a resource moved to another state is not a delete in AWS.
 */
export function deletionAlerts(
  old: BuiltGraph,
  next: BuiltGraph,
  diff: EstateDiff,
  context: AlertContext,
): DeletionAlert[] {
  const arnsNow = new Set<string>();
  next.graph.forEachNode((_id, n) => {
    if (n.secret && n.arn !== undefined) arnsNow.add(n.arn);
  });
  const unread = unreadWorkspaces(next);
  const alerts: DeletionAlert[] = [];
  for (const event of diff.secretEvents) {
    if (event.event !== 'deleted' && event.event !== 'replaced') continue;
    const oldId = event.event === 'replaced' ? event.previous.id : event.secret.id;
    if (!old.graph.hasNode(oldId)) continue;
    const was = old.graph.getNodeAttributes(oldId);
    // Its state was not read this time (gone from the estate, not JSON, half-written, a plan …).
    if (!next.graph.hasNode(nodeId(was.workspace)) || unread.has(was.workspace)) continue;
    // Its ARN lives on in another state (moved): nothing was deleted in AWS.
    if (was.arn !== undefined && arnsNow.has(was.arn)) continue;
    alerts.push(alertFor(old.graph, oldId, event, context));
  }
  return alerts;
}

/**
 * Workspaces whose state could not be used by this ingest: an error diagnostic names the
 * workspace or its state file. Their secrets are missing from the graph, not deleted.
 */
function unreadWorkspaces(built: BuiltGraph): Set<string> {
  const byFile = new Map<string, string>();
  built.graph.forEachNode((_id, n) => {
    if (n.kind === 'workspace' && n.stateFile !== undefined) byFile.set(n.stateFile, n.workspace);
  });
  const out = new Set<string>();
  for (const d of built.diagnostics) {
    if (d.severity !== 'error' && d.code !== 'terragrunt.state-not-found') continue;
    if (d.workspace !== undefined) out.add(d.workspace);
    const ws = d.file !== undefined ? byFile.get(d.file) : undefined;
    if (ws !== undefined) out.add(ws);
  }
  return out;
}

function alertFor(
  graph: EstateGraph,
  oldId: string,
  event: SecretEvent & { event: 'deleted' | 'replaced' },
  context: AlertContext,
): DeletionAlert {
  const was = graph.getNodeAttributes(oldId);
  const service = was.secret?.service ?? 'secretsmanager';
  const kind = event.event === 'deleted' ? 'secret_deleted' : 'secret_replaced';
  const state = context.states.find((s) => s.workspace === was.workspace);
  const updated =
    state?.updated !== undefined && state.updated <= context.observedAt ? state.updated : undefined;
  const changedAt = updated ?? context.observedAt;
  const window = service === 'ssm' ? null : (was.secret?.recoveryWindowDays ?? 30);
  const restoreBefore =
    window === null || window === 0 ? null : new Date(Date.parse(changedAt) + window * DAY).toISOString();
  const result = queryImpact(graph, oldId, {
    action: event.event === 'deleted' ? 'delete' : 'replace',
    now: new Date(changedAt),
    limit: ANALYSED,
    list: ALERT_IMPACTS_LISTED,
    ...(window !== null ? { recoveryWindowDays: window } : {}),
  });
  const secret: SecretIdentity =
    event.event === 'deleted'
      ? event.secret
      : { ...event.secret, id: oldId, ...(was.arn !== undefined ? { arn: was.arn } : {}) };
  const previousArn = event.event === 'replaced' ? event.previous.arn : undefined;
  const afterWindow = result.summary.bySeverity.irrecoverable;
  const alert: Omit<DeletionAlert, 'text'> = {
    formatVersion: HISTORY_FORMAT,
    id: alertId(kind, oldId, was.arn, state?.version ?? `v${context.version}`),
    kind,
    secret,
    ...(previousArn !== undefined ? { previousArn } : {}),
    version: context.version,
    observedAt: context.observedAt,
    changedAt,
    changedAtFrom: updated !== undefined ? 'source' : 'observed',
    recoveryWindowDays: window,
    restoreBefore,
    recoverability: recoverability(service, window, restoreBefore, kind),
    ...fixFor(service, window, secret, kind, event.event === 'replaced' ? event.secret.arn : undefined),
    impacts: result.impacts,
    summary: result.summary,
    afterWindow,
  };
  return { ...alert, text: alertText(alert) };
}

/** Stable for one disappearance of one secret: every server reading the same state version agrees. */
function alertId(kind: string, id: string, arn: string | undefined, stateVersion: string): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, id, arn ?? null, stateVersion]))
    .digest('hex')
    .slice(0, 24);
}

function recoverability(
  service: string,
  window: number | null,
  restoreBefore: string | null,
  kind: DeletionAlert['kind'],
): string {
  if (service === 'ssm')
    return 'An SSM parameter has no recovery window: its value is already gone, unless the parameter was only removed from the state.';
  if (window === 0 || restoreBefore === null)
    return 'It was deleted with no recovery window: its value is already gone, unless it was only removed from the state.';
  const what = service === 'kms' ? 'The key is pending deletion' : 'It can be restored';
  const verb = kind === 'secret_replaced' ? 'the old one' : 'it';
  return `${what} until ${formatUtc(restoreBefore)} (${window}-day window); after that ${verb} is gone for good.`;
}

function fixFor(
  service: string,
  window: number | null,
  secret: SecretIdentity,
  kind: DeletionAlert['kind'],
  newArn: string | undefined,
): { fix?: DeletionAlert['fix'] } {
  if (service === 'ssm' || window === 0 || window === null) {
    return kind === 'secret_replaced' && newArn !== undefined
      ? { fix: { command: '', note: `Point the consumers at the new ARN ${newArn} and apply them.` } }
      : {};
  }
  const id = secret.arn ?? secret.name;
  if (id === undefined) return {};
  const region = secret.region !== undefined ? ` --region ${secret.region}` : '';
  if (service === 'kms') {
    return {
      fix: {
        command: `aws kms cancel-key-deletion --key-id ${id}${region} && aws kms enable-key --key-id ${id}${region}`,
        note: 'A key whose deletion is cancelled stays disabled until it is enabled again.',
      },
    };
  }
  return {
    fix: {
      command: `aws secretsmanager restore-secret --secret-id ${id}${region}`,
      note:
        kind === 'secret_replaced'
          ? `Or point the consumers at the new ARN${newArn !== undefined ? ` ${newArn}` : ''} and apply them.`
          : 'Then restore its resource in Terraform (or import it), or the next apply deletes it again.',
    },
  };
}

/** Slack's mrkdwn treats `&`, `<` and `>` as markup; names are also kept on one line. */
function slackSafe(text: string): string {
  return textSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function alertText(alert: Omit<DeletionAlert, 'text'>): string {
  const s = alert.secret;
  const what = s.service === 'ssm' ? 'Parameter' : s.service === 'kms' ? 'KMS key' : 'Secret';
  const name = slackSafe(s.name ?? s.arn ?? s.address ?? s.id);
  const verb = alert.kind === 'secret_deleted' ? 'was deleted' : 'was replaced (its ARN changed)';
  const lines = [
    `*${what} \`${name}\` ${verb}* in \`${slackSafe(s.workspace)}\` at ${formatUtc(alert.changedAt)}${alert.changedAtFrom === 'observed' ? ' (when impact saw it)' : ''}.`,
    slackSafe(alert.recoverability),
  ];
  if (alert.fix?.command) lines.push(`Fix: \`${slackSafe(alert.fix.command)}\``);
  if (alert.fix?.note) lines.push(slackSafe(alert.fix.note));
  // Counted on the summary: the list holds the worst ones only.
  const atRisk = alert.impacts.filter((i) => i.severity !== 'info');
  const info = alert.summary.bySeverity.info;
  const n = alert.summary.impacted - info;
  const also = info > 0 ? ` (and ${info} only informational)` : '';
  if (n === 0) lines.push(info > 0 ? `No consumer at risk${also}.` : 'No consumer in the estate.');
  else {
    lines.push(
      `${n} consumer${n === 1 ? '' : 's'} at risk${alert.afterWindow > 0 ? `, ${alert.afterWindow} noticing only after the window closes` : ''}${also}:`,
    );
    for (const impact of atRisk.slice(0, TEXT_CONSUMERS)) lines.push(`• ${consumerLine(impact)}`);
    if (n > TEXT_CONSUMERS) lines.push(`… and ${n - TEXT_CONSUMERS} more`);
  }
  return lines.join('\n');
}

function consumerLine(impact: Impact): string {
  return slackSafe(
    `${impact.severity}: ${impact.workspace} ${impact.address ?? impact.label} — ${noticeSentence(impact)}`,
  );
}

/**
 * Open alerts whose secret is back: the same ARN (the old one, for a replace) is held by the new
 * graph, or, for one known by no ARN, the same node. Restoring the secret clears its alert.
 */
export function clearedAlerts(
  open: readonly StoredAlert[],
  next: BuiltGraph,
): { id: string; reason: string }[] {
  const byArn = new Map<string, string>();
  next.graph.forEachNode((id, n) => {
    if (n.secret && n.arn !== undefined) byArn.set(n.arn, id);
  });
  const out: { id: string; reason: string }[] = [];
  for (const alert of open) {
    if (alert.status === 'cleared') continue;
    const arn = alert.kind === 'secret_replaced' ? alert.previousArn : alert.secret.arn;
    const back =
      arn !== undefined ? byArn.get(arn) : next.graph.hasNode(alert.secret.id) ? alert.secret.id : undefined;
    if (back === undefined) continue;
    const ws = next.graph.getNodeAttributes(back).workspace;
    out.push({ id: alert.id, reason: `restored: ${arn ?? alert.secret.id} is back in ${ws}` });
  }
  return out;
}

/** What a webhook receives for an alert, or for its clearing (`secret.restored`). */
export function alertDelivery(alert: DeletionAlert, cleared?: { reason: string }): AlertDelivery {
  const event = cleared
    ? 'secret.restored'
    : alert.kind === 'secret_deleted'
      ? 'secret.deleted'
      : 'secret.replaced';
  const s = alert.secret;
  return {
    event,
    id: alert.id,
    workspace: s.workspace,
    name: s.name ?? null,
    arn: s.arn ?? null,
    observedAt: alert.observedAt,
    changedAt: alert.changedAt,
    restoreBefore: alert.restoreBefore,
    impacts: alert.impacts,
    summary: alert.summary,
    fix: alert.fix?.command || null,
    text: cleared
      ? `*${slackSafe(s.name ?? s.arn ?? s.id)} is back* in \`${slackSafe(s.workspace)}\`: ${slackSafe(cleared.reason)}. The alert of ${formatUtc(alert.changedAt)} is cleared.`
      : alert.text,
  };
}
