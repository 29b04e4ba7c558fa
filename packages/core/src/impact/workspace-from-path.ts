import type { EstateGraph } from '../graph/estate-graph.js';

/** The file name Terragrunt gives every plan of a run-all with `--json-out-dir`. */
export const RUN_ALL_PLAN = 'tfplan.json';

/**
 * The workspace a plan file's directory names: `terragrunt run --all plan --json-out-dir out`
 * writes each unit's plan to `out/<unit's path>/tfplan.json`. The workspace whose name ends the
 * directory the longest (its whole name, or at least two folders of it) wins; none when two tie.
 */
export function workspaceFromPath(graph: EstateGraph, file: string): string | undefined {
  const dir = file
    .replace(/\\/g, '/')
    .split('/')
    .slice(0, -1)
    .filter((s) => s !== '' && s !== '.');
  let best: string | undefined;
  let bestLength = 0;
  let tie = false;
  graph.forEachNode((id, a) => {
    if (a.kind !== 'workspace') return;
    const name = id.split('/');
    let k = 0;
    while (k < name.length && k < dir.length && name[name.length - 1 - k] === dir[dir.length - 1 - k]) k++;
    if (k === 0 || (k < name.length && k < 2)) return;
    if (k > bestLength) {
      best = id;
      bestLength = k;
      tie = false;
    } else if (k === bestLength) tie = true;
  });
  return tie ? undefined : best;
}
