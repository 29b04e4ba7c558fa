import type { ImpactResult } from '../impact/result-types.js';

/** Diagnostics a reader of the report must see, though they are not problems. */
const NOTE_CODES = new Set(['plan.workspace-not-in-estate', 'plan.only-creates', 'plan.no-changes']);

/**
 * What the report says beside its impacts: a plan analysed for a workspace the estate does not
 * know, a plan that breaks nothing because it only creates, impacts that rest on doubtful
 * evidence (they count at most as `degraded` for `--fail-on`).
 */
export function reportNotes(result: ImpactResult): string[] {
  const notes = result.diagnostics.filter((d) => NOTE_CODES.has(d.code)).map((d) => d.message);
  const doubtful = result.summary.doubtful ?? 0;
  if (doubtful > 0)
    notes.push(
      `${doubtful} impact${doubtful === 1 ? ' rests' : 's rest'} on an ambiguous name or a guessed remote-state read: reported, but counted at most as degraded for --fail-on`,
    );
  return notes;
}
