import { type ImpactSummary, SEVERITY_ORDER, type Severity } from '../impact/result-types.js';

/** The non-zero severity counts of a summary, worst first: `[['irrecoverable', 2], ['breaks', 1]]`. */
export function severityCounts(summary: ImpactSummary): [Severity, number][] {
  return SEVERITY_ORDER.filter((s) => summary.bySeverity[s] > 0).map((s) => [s, summary.bySeverity[s]]);
}
