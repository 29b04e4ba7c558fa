import type { Impact } from '../impact/result-types.js';

/** The name a reviewer knows a consumer by: its address, else its label (workspace, principal). */
export function displayName(impact: Impact): string {
  return impact.address ?? impact.label;
}
