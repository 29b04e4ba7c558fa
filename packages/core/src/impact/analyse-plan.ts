import type { EstateGraph } from '../graph/estate-graph.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import { nodeId } from '../model/node-id.js';
import type { PlanModel, StateModel } from '../model/workspace.js';
import { evaluateRules } from '../rules/evaluate-rules.js';
import type { Finding, RuleLevel } from '../rules/rule-types.js';
import { buildResult } from './build-result.js';
import { inferWorkspace } from './infer-workspace.js';
import { type OverlayWorkspace, withOverlay } from './overlay-workspace.js';
import { nameReuseWarnings, planChanges } from './plan-changes.js';
import type { Change, ImpactResult } from './result-types.js';
import { RUN_ALL_PLAN, workspaceFromPath } from './workspace-from-path.js';

export interface AnalysePlanOptions {
  now: Date;
  /** Workspace of the plan; only with a single plan. Inferred from `prior_state` otherwise. */
  workspace?: string;
  /** Impacted nodes analysed at most per change (closest first). */
  limit?: number;
  /** Impacts listed at most, worst first (default: all analysed). */
  list?: number;
  maxDepth?: number;
  /** Rule level overrides for the findings on touched resources. */
  levels?: Record<string, RuleLevel>;
}

export type PlanAnalysis = { ok: true; result: ImpactResult } | { ok: false; diagnostics: Diagnostic[] };

/**
 * What one or several plans (one per workspace, e.g. a Terragrunt run-all) break across the
 * whole estate, as one result: a consumer hit by changes of several plans is listed once.
 */
export function analysePlans(
  graph: EstateGraph,
  plans: PlanModel[],
  options: AnalysePlanOptions,
): PlanAnalysis {
  const diagnostics: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  const changes: Change[] = [];
  const warnings: ImpactResult['warnings'] = [];
  const workspaces: string[] = [];
  let inferredAny = false;
  if (options.workspace !== undefined && plans.length > 1) {
    errors.push(
      diagnostic(
        'error',
        'plan.workspace-ambiguous',
        '--workspace applies to a single plan; with several, each plan’s workspace is inferred',
      ),
    );
  }
  const placed: { plan: PlanModel; workspace: string }[] = [];
  const overlays: OverlayWorkspace[] = [];
  for (const plan of plans) {
    let workspace = options.workspace;
    // A Terragrunt run-all writes each unit's plan under the unit's path: that says which it is,
    // even for a unit with no prior state yet. Any other plan's path is the last resort.
    const byPath = workspace === undefined ? workspaceFromPath(graph, plan.file) : undefined;
    const runAll = byPath !== undefined && plan.file.replace(/\\/g, '/').endsWith(`/${RUN_ALL_PLAN}`);
    if (workspace === undefined) {
      const guess = runAll ? null : inferWorkspace(graph, plan.priorState);
      if (guess === null || (!guess.ok && byPath !== undefined)) {
        workspace = byPath;
        inferredAny = true;
        diagnostics.push(
          diagnostic(
            'info',
            'plan.workspace-from-path',
            `workspace ${workspace} inferred from the plan's path`,
            {
              file: plan.file,
              ...(workspace ? { workspace } : {}),
            },
          ),
        );
      } else if (guess.ok) {
        workspace = guess.workspace;
        inferredAny = true;
        diagnostics.push(
          diagnostic(
            'info',
            'plan.workspace-inferred',
            `workspace ${workspace} inferred from the plan's prior state`,
            { file: plan.file, workspace },
          ),
        );
      } else if (guess.why === 'several') {
        errors.push(diagnostic('error', 'plan.workspace-unknown', guess.reason, { file: plan.file }));
        continue;
      }
    }
    if (workspace !== undefined && options.workspace !== undefined && graph.hasNode(workspace)) {
      // A workspace that holds none of what the plan says existed is the wrong one: analysing
      // the plan against it would find nothing, and pass.
      const prior = (plan.priorState?.resources ?? []).filter((r) => r.mode === 'managed');
      if (prior.length > 0 && !prior.some((r) => graph.hasNode(nodeId(workspace as string, r.address)))) {
        errors.push(
          diagnostic(
            'error',
            'plan.workspace-mismatch',
            `workspace ${workspace} holds none of the ${prior.length} resources of the plan's prior state (${prior[0]?.address}${prior.length > 1 ? ', …' : ''}): is --workspace the right one?`,
            { file: plan.file },
          ),
        );
        continue;
      }
    }
    if (workspace === undefined || !graph.hasNode(workspace)) {
      // A workspace the estate does not know (a new configuration, or a stale estate).
      const name = workspace ?? planName(plan.file);
      const state = knownState(plan);
      if (state === null) {
        if (!onlyCreates(plan)) {
          errors.push(
            diagnostic(
              'error',
              'plan.workspace-unknown',
              workspace === undefined
                ? 'the plan has no prior state and no before values to match or to analyse; pass --workspace'
                : `workspace ${workspace} is not in the estate, and the plan has no prior state to analyse it by`,
              { file: plan.file },
            ),
          );
          continue;
        }
        const empty = plan.changes.length === 0 && plan.outputChanges.length === 0;
        diagnostics.push(
          diagnostic(
            'info',
            empty ? 'plan.no-changes' : 'plan.only-creates',
            empty
              ? 'the plan changes nothing'
              : 'the plan only creates: nothing in the estate can depend on what does not exist yet',
            { file: plan.file, workspace: name },
          ),
        );
      } else {
        overlays.push({ name, state });
      }
      workspace = name;
    }
    if (plan.errored) {
      diagnostics.push(
        diagnostic(
          'warning',
          'plan.errored',
          'the plan is marked errored: Terraform did not finish planning',
          { file: plan.file },
        ),
      );
    }
    placed.push({ plan, workspace });
  }
  if (errors.length > 0) return { ok: false, diagnostics: [...errors, ...diagnostics] };
  return withOverlay(graph, overlays, (outcomes) => {
    for (const o of outcomes) {
      diagnostics.push(
        diagnostic(
          'info',
          'plan.workspace-not-in-estate',
          `workspace ${o.name} is not in the estate: its prior state (${o.nodes} nodes) joined the graph for this analysis, and ${o.consumers} reference(s) held elsewhere in the estate resolved to it`,
          { workspace: o.name },
        ),
      );
    }
    // Each warning belongs to the plan (and so the workspace) that causes it.
    const owners = new Map<ImpactResult['warnings'][number], string>();
    for (const { plan, workspace } of placed) {
      workspaces.push(workspace);
      changes.push(...planChanges(graph, plan, workspace));
      for (const w of nameReuseWarnings(plan)) {
        warnings.push(w);
        owners.set(w, workspace);
      }
    }
    const touched = new Set(changes.map((c) => c.id).filter((id): id is string => id !== null));
    const findings: Finding[] = [
      ...evaluateRules(graph, {
        now: options.now,
        focus: touched,
        ...(options.levels ? { levels: options.levels } : {}),
      }),
      ...(options.levels?.['name-reuse-blocked'] === 'off'
        ? []
        : warnings.map((w) => ({
            rule: 'name-reuse-blocked',
            severity:
              options.levels?.['name-reuse-blocked'] === 'warn' ? ('warn' as const) : ('error' as const),
            id: `${owners.get(w) ?? ''}::${w.address ?? ''}`,
            workspace: owners.get(w) ?? '',
            address: w.address ?? null,
            message: w.message,
            evidence: w.address ? [w.address] : [],
          }))),
    ];
    const result = buildResult(graph, changes, {
      now: options.now,
      workspace: [...new Set(workspaces)].join(', ') || null,
      workspaceInferred: inferredAny,
      warnings,
      diagnostics,
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.list !== undefined ? { list: options.list } : {}),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    });
    return { ok: true, result: { ...result, findings } };
  });
}

/** A plan's name, for a workspace known by nothing else: its file name without `.json`. */
function planName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/\.json$/i, '') || 'plan';
}

/** What the plan says existed before it: its prior state, else the `before` of its changes. */
function knownState(plan: PlanModel): StateModel | null {
  if (plan.priorState && plan.priorState.resources.length > 0) return plan.priorState;
  const resources = plan.changes
    .filter((c) => c.before !== null && !c.deposed)
    .map((c) => ({
      address: c.address,
      mode: c.mode,
      type: c.type,
      name: c.name,
      ...(c.module ? { module: c.module } : {}),
      attributes: c.before ?? {},
      dependencies: [],
      redacted: [],
    }));
  return resources.length > 0 ? { file: plan.file, format: 'show-json', resources, outputs: [] } : null;
}

/** Whether a plan only creates (or reads): it cannot break anything that exists. */
function onlyCreates(plan: PlanModel): boolean {
  return (
    plan.changes.every((c) => c.actions.every((a) => a === 'create' || a === 'no-op' || a === 'read')) &&
    plan.outputChanges.every((o) => !o.actions.includes('delete'))
  );
}
