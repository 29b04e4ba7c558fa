import type { EstateGraph } from '../graph/estate-graph.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { PlanModel } from '../model/workspace.js';
import { evaluateRules } from '../rules/evaluate-rules.js';
import type { Finding, RuleLevel } from '../rules/rule-types.js';
import { buildResult } from './build-result.js';
import { inferWorkspace } from './infer-workspace.js';
import { nameReuseWarnings, planChanges } from './plan-changes.js';
import type { Change, ImpactResult } from './result-types.js';

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
  for (const plan of plans) {
    let workspace = options.workspace;
    if (workspace !== undefined && !graph.hasNode(workspace)) {
      errors.push(
        diagnostic('error', 'plan.unknown-workspace', `workspace ${workspace} is not in the estate`, {
          file: plan.file,
        }),
      );
      continue;
    }
    if (workspace === undefined) {
      const guess = inferWorkspace(graph, plan.priorState);
      if (!guess.ok) {
        errors.push(diagnostic('error', 'plan.workspace-unknown', guess.reason, { file: plan.file }));
        continue;
      }
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
    workspaces.push(workspace);
    changes.push(...planChanges(graph, plan, workspace));
    warnings.push(...nameReuseWarnings(plan));
  }
  if (errors.length > 0) return { ok: false, diagnostics: [...errors, ...diagnostics] };
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
          id: `${workspaces[0] ?? ''}::${w.address ?? ''}`,
          workspace: workspaces[0] ?? '',
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
}
