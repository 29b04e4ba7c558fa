import type { EstateGraph } from '../graph/estate-graph.js';
import { nodeId } from '../model/node-id.js';
import type { PlanModel, Value } from '../model/workspace.js';
import type { Action, Change } from './result-types.js';

/**
 * A plan's resource and output changes as impact reads them. Terraform's actions are a closed
 * set where replace is its own thing (`["delete","create"]` or `["create","delete"]`).
 */
export function planChanges(graph: EstateGraph, plan: PlanModel, workspace: string): Change[] {
  const changes: Change[] = [];
  for (const rc of plan.changes) {
    if (rc.deposed) continue;
    const action = actionOf(rc.actions, rc.before, rc.after);
    if (action === null) continue;
    const id = nodeId(workspace, rc.address);
    const window = rc.before?.recovery_window_in_days;
    const detail = detailOf(rc.before, rc.after, rc.replacePaths);
    const newName =
      typeof rc.before?.name === 'string' &&
      typeof rc.after?.name === 'string' &&
      rc.before.name !== rc.after.name
        ? rc.after.name
        : undefined;
    changes.push({
      id: graph.hasNode(id) ? id : null,
      workspace,
      address: rc.address,
      ...(rc.type ? { type: rc.type } : {}),
      actions: rc.actions,
      action,
      ...(typeof window === 'number' && (action === 'delete' || action === 'replace')
        ? { recoveryWindowDays: window }
        : {}),
      ...(newName ? { newName } : {}),
      ...(detail ? { detail } : {}),
    });
  }
  for (const oc of plan.outputChanges) {
    if (!(oc.actions.length === 1 && oc.actions[0] === 'delete')) continue;
    const id = nodeId(workspace, `output.${oc.name}`);
    changes.push({
      id: graph.hasNode(id) ? id : null,
      workspace,
      address: `output.${oc.name}`,
      actions: oc.actions,
      action: 'remove_output',
    });
  }
  return changes;
}

function actionOf(
  actions: string[],
  before: Record<string, Value> | null,
  after: Record<string, Value> | null,
): Action | null {
  const key = actions.join(',');
  switch (key) {
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'create':
      return 'create';
    case 'update':
      if (
        before &&
        after &&
        typeof before.name === 'string' &&
        typeof after.name === 'string' &&
        before.name !== after.name
      ) {
        return 'rename';
      }
      if (
        before &&
        after &&
        before.recovery_window_in_days !== after.recovery_window_in_days &&
        'recovery_window_in_days' in after
      ) {
        return 'recovery_window_change';
      }
      return 'update';
    default:
      return null;
  }
}

function detailOf(
  before: Record<string, Value> | null,
  after: Record<string, Value> | null,
  replacePaths: string[],
): string | undefined {
  const parts: string[] = [];
  if (
    before &&
    after &&
    typeof before.name === 'string' &&
    typeof after.name === 'string' &&
    before.name !== after.name
  ) {
    parts.push(`name ${before.name} → ${after.name}`);
  }
  if (replacePaths.length > 0) parts.push(`replaced because of ${replacePaths.join(', ')}`);
  if (
    before &&
    after &&
    before.recovery_window_in_days !== after.recovery_window_in_days &&
    'recovery_window_in_days' in after
  ) {
    parts.push(
      `recovery window ${String(before.recovery_window_in_days)} → ${String(after.recovery_window_in_days)} days`,
    );
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * Deleting a secret and creating one with the same name inside its recovery window fails the
 * apply: Secrets Manager keeps the name reserved while the old secret is pending deletion.
 */
export function nameReuseWarnings(plan: PlanModel): { code: string; message: string; address: string }[] {
  const deleted = new Map<string, { address: string; window: number }>();
  for (const rc of plan.changes) {
    if (rc.type !== 'aws_secretsmanager_secret' || !rc.actions.includes('delete') || !rc.before) continue;
    const name = rc.before.name;
    const w = rc.before.recovery_window_in_days;
    const window = typeof w === 'number' ? w : 30;
    if (typeof name === 'string' && window > 0) deleted.set(name, { address: rc.address, window });
  }
  const warnings: { code: string; message: string; address: string }[] = [];
  for (const rc of plan.changes) {
    if (rc.type !== 'aws_secretsmanager_secret' || !rc.actions.includes('create') || !rc.after) continue;
    const name = rc.after.name;
    const old = typeof name === 'string' ? deleted.get(name) : undefined;
    if (!old) continue;
    warnings.push({
      code: 'name-reuse-blocked',
      address: rc.address,
      message: `${rc.address} creates secret "${String(name)}" while ${old.address} deletes a secret of that name with a ${old.window}-day recovery window: the apply fails (the name stays reserved until the window ends). Use name_prefix, or recovery_window_in_days = 0 on the old one if losing it at once is intended.`,
    });
  }
  return warnings;
}
