import type { ImpactResult } from '../impact/result-types.js';

/** The canonical result itself, versioned by `formatVersion`; every other format derives from it. */
export function renderJson(result: ImpactResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
