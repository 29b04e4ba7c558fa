import { summarise } from './build-result.js';
import { type Impact, type ImpactResult, SEVERITY_ORDER } from './result-types.js';

/**
 * Several results over the same estate (one per plan, as a server answers them) as one: a
 * consumer hit by several changes is listed once, for its worst one, with the others in
 * `alsoChangedBy` — the same rule `analysePlans` applies to plans analysed together.
 */
export function mergeResults(results: readonly ImpactResult[]): ImpactResult {
  const [first] = results;
  if (!first) throw new Error('mergeResults needs at least one result');
  if (results.length === 1) return first;
  const byId = new Map<string, Impact>();
  for (const r of results) {
    for (const impact of r.impacts) {
      const known = byId.get(impact.id);
      if (!known) {
        byId.set(impact.id, impact);
        continue;
      }
      const [keep, other] = rank(impact) < rank(known) ? [impact, known] : [known, impact];
      const also = [...(keep.alsoChangedBy ?? []), other.cause, ...(other.alsoChangedBy ?? [])].filter(
        (c) => c !== keep.cause,
      );
      byId.set(impact.id, { ...keep, alsoChangedBy: [...new Set(also)] });
    }
  }
  const impacts = [...byId.values()].sort(
    (a, b) => rank(a) - rank(b) || a.distance - b.distance || a.id.localeCompare(b.id),
  );
  const changes = results.flatMap((r) => r.changes);
  const truncated = results.reduce((n, r) => n + (r.truncated?.impacts ?? 0), 0);
  const unanalysed = results.reduce((n, r) => n + (r.truncated?.unanalysed ?? r.truncated?.impacts ?? 0), 0);
  const workspaces = [...new Set(results.flatMap((r) => (r.workspace ? r.workspace.split(', ') : [])))];
  return {
    ...first,
    workspace: workspaces.join(', ') || null,
    ...(results.some((r) => r.workspaceInferred) ? { workspaceInferred: true } : {}),
    changes,
    impacts,
    summary: summarise(changes, impacts),
    warnings: results.flatMap((r) => r.warnings),
    diagnostics: results.flatMap((r) => r.diagnostics),
    ...(truncated > 0
      ? { truncated: { impacts: truncated, ...(unanalysed > 0 ? { unanalysed } : {}) } }
      : {}),
  };
}

function rank(i: Impact): number {
  return SEVERITY_ORDER.indexOf(i.severity);
}
