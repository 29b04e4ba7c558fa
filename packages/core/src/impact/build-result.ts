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
    /** Impacts listed at most, worst first; the summary still counts every analysed one. */
    list?: number;
  },
): ImpactResult {
  const { impacts: analysed, truncated: unanalysed } = analyseChanges(graph, changes, options);
  const impacts = options.list !== undefined ? analysed.slice(0, options.list) : analysed;
  const unlisted = analysed.length - impacts.length + unanalysed;
  return {
    formatVersion: RESULT_FORMAT_VERSION,
    tool: { name: 'impact', version: VERSION },
    workspace: options.workspace,
    ...(options.workspaceInferred ? { workspaceInferred: true } : {}),
    now: options.now.toISOString(),
    changes,
    impacts,
    summary: summarise(changes, analysed),
    warnings: options.warnings ?? [],
    diagnostics: options.diagnostics ?? [],
    ...(unlisted > 0 ? { truncated: { impacts: unlisted, ...(unanalysed > 0 ? { unanalysed } : {}) } } : {}),
  };
}

export function summarise(changes: Change[], impacts: Impact[]): ImpactSummary {
  const bySeverity: Record<Severity, number> = { irrecoverable: 0, breaks: 0, degraded: 0, info: 0 };
  const failing: Record<Severity, number> = { irrecoverable: 0, breaks: 0, degraded: 0, info: 0 };
  let doubtful = 0;
  for (const i of impacts) {
    bySeverity[i.severity]++;
    failing[failingSeverity(i)]++;
    if (i.confidence) doubtful++;
  }
  return {
    changes: changes.length,
    impacted: impacts.length,
    bySeverity,
    ...(doubtful > 0 ? { doubtful, failing } : {}),
    workspaces: new Set(impacts.map((i) => i.workspace)).size,
    worst: SEVERITY_ORDER.find((s) => bySeverity[s] > 0) ?? null,
  };
}

/**
 * Whether a result holds an impact at or above `failOn` (`never` never fails). An impact on
 * doubtful evidence (an ambiguous name, a guessed remote-state read) counts at most as
 * `degraded`: it is reported, but does not fail `--fail-on breaks` by itself.
 */
export function breaches(result: ImpactResult, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  const limit = SEVERITY_ORDER.indexOf(failOn);
  // The summary counts impacts a short list may leave out.
  const counts = result.summary.failing ?? result.summary.bySeverity;
  return SEVERITY_ORDER.some((s, i) => i <= limit && counts[s] > 0);
}

/** The severity an impact counts as for `--fail-on`. */
function failingSeverity(i: Impact): Severity {
  const degraded = SEVERITY_ORDER.indexOf('degraded');
  return i.confidence && SEVERITY_ORDER.indexOf(i.severity) < degraded ? 'degraded' : i.severity;
}
