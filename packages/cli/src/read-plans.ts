import { readFile } from 'node:fs/promises';
import { type Diagnostic, type PlanModel, readTerraformJson } from '@impact/core/node';
import { InputError } from './exit-codes.js';
import { formatDiagnostic } from './format-diagnostic.js';
import { fsError } from './fs-error.js';

export interface ReadPlan {
  file: string;
  bytes: Uint8Array;
  plan: PlanModel;
}

/**
 * Every plan file of the run, read and checked before any estate is loaded; all problems are
 * reported together (exit 2), a binary plan or a state with how to make the plan JSON.
 */
export async function readPlans(
  files: readonly string[],
): Promise<{ plans: ReadPlan[]; problems: Diagnostic[] }> {
  const plans: ReadPlan[] = [];
  const problems: Diagnostic[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      // The message names the file already: "no such file: plan.json".
      problems.push({ severity: 'error', code: 'file.unreadable', message: fsError(error, file) });
      return null;
    });
    if (!bytes) continue;
    const doc = readTerraformJson(bytes, file, problems);
    if (doc.kind === 'plan') plans.push({ file, bytes, plan: doc.plan });
    else if (doc.kind === 'state') {
      problems.push({
        severity: 'error',
        code: 'plan.is-state',
        file,
        message:
          'this is a state, not a plan; run `terraform show -json plan.out > plan.json` on a saved plan',
      });
    }
  }
  if (problems.some((d) => d.severity === 'error'))
    throw new InputError(problems.map(formatDiagnostic).join('\n'));
  return { plans, problems };
}
