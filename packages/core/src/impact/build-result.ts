import type { EstateGraph } from '../graph/estate-graph.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { VERSION } from '../version.js';
import { type AnalyseOptions, analyseChanges } from './analyse-changes.js';
import {
  type Change,
  type Impact,
  type ImpactResult,
  type ImpactSummary,
  RESULT_FORMAT_VERSION,
  SEVERITY_ORDER,
  type Severity,
} from './result-types.js';

/** Assembles the canonical result for a set of changes. */
export function buildResult(
  graph: EstateGraph,
  changes: Change[],
  options: AnalyseOptions & {
    workspace: string | null;
    workspaceInferred?: boolean;
    warnings?: ImpactResult['warnings'];
    diagnostics?: Diagnostic[];
  },
): ImpactResult {
  const { impacts, truncated } = analyseChanges(graph, changes, options);
  return {
    formatVersion: RESULT_FORMAT_VERSION,
    tool: { name: 'impact', version: VERSION },
    workspace: options.workspace,
    ...(options.workspaceInferred ? { workspaceInferred: true } : {}),
    now: options.now.toISOString(),
    changes,
    impacts,
    summary: summarise(changes, impacts),
    warnings: options.warnings ?? [],
    diagnostics: options.diagnostics ?? [],
    ...(truncated > 0 ? { truncated: { impacts: truncated } } : {}),
  };
}

export function summarise(changes: Change[], impacts: Impact[]): ImpactSummary {
  const bySeverity: Record<Severity, number> = { irrecoverable: 0, breaks: 0, degraded: 0, info: 0 };
  for (const i of impacts) bySeverity[i.severity]++;
  return {
    changes: changes.length,
    impacted: impacts.length,
    bySeverity,
    workspaces: new Set(impacts.map((i) => i.workspace)).size,
    worst: SEVERITY_ORDER.find((s) => bySeverity[s] > 0) ?? null,
  };
}

/** Whether a result holds an impact at or above `failOn` (`never` never fails). */
export function breaches(result: ImpactResult, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  const limit = SEVERITY_ORDER.indexOf(failOn);
  return result.impacts.some((i) => SEVERITY_ORDER.indexOf(i.severity) <= limit);
}
