import type { EstateGraph } from '../graph/estate-graph.js';
import { nodeId } from '../model/node-id.js';
import type { StateModel } from '../model/workspace.js';

export type InferredWorkspace =
  | { ok: true; workspace: string; score: number }
  | { ok: false; reason: string; candidates: string[]; why: 'no-prior-state' | 'no-match' | 'several' };

/** Finds the workspace a plan belongs to by matching its `prior_state` against the estate. */
export function inferWorkspace(graph: EstateGraph, prior: StateModel | undefined): InferredWorkspace {
  const managed = (prior?.resources ?? []).filter((r) => r.mode === 'managed');
  if (managed.length === 0) {
    return {
      ok: false,
      reason: 'the plan has no prior state to match (a first apply?); pass --workspace',
      candidates: [],
      why: 'no-prior-state',
    };
  }
  const scores = new Map<string, number>();
  graph.forEachNode((id, attrs) => {
    if (attrs.kind !== 'workspace') return;
    // An ARN names one resource: the same ARN is strong evidence, a different one at the same
    // address says this is another deployment of the same module (another account or region).
    let same = 0;
    let other = 0;
    let loose = 0;
    for (const r of managed) {
      const nid = nodeId(id, r.address);
      if (!graph.hasNode(nid)) continue;
      const arn = typeof r.attributes.arn === 'string' ? r.attributes.arn : undefined;
      const known = graph.getNodeAttribute(nid, 'arn');
      if (arn && known) {
        if (arn === known) same++;
        else other++;
      } else loose++;
    }
    if (other > 0 && same === 0) return;
    const score = 2 * same + loose;
    if (score > 0) scores.set(id, score);
  });
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best)
    return {
      ok: false,
      reason: 'no workspace of the estate matches the plan’s prior state; pass --workspace',
      candidates: [],
      why: 'no-match',
    };
  if (second && second[1] === best[1]) {
    return {
      ok: false,
      reason: `the plan’s prior state matches several workspaces equally (${ranked
        .filter((r) => r[1] === best[1])
        .map((r) => r[0])
        .join(', ')}); pass --workspace`,
      candidates: ranked.map((r) => r[0]),
      why: 'several',
    };
  }
  return { ok: true, workspace: best[0], score: best[1] };
}
