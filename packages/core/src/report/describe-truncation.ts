import type { ImpactResult } from '../impact/result-types.js';

/** "N more impacted nodes …": how many were analysed but not listed, and how many not analysed. */
export function describeTruncation(t: NonNullable<ImpactResult['truncated']>, strong = ''): string {
  const unanalysed = t.unanalysed ?? Math.max(t.impacts, 0);
  const unlisted = t.impacts - unanalysed;
  const parts: string[] = [];
  if (unlisted > 0) parts.push(`${unlisted} analysed and counted in the summary but not listed`);
  if (unanalysed > 0)
    parts.push(`${unanalysed} not analysed: the limit per change was reached (\`--limit\`)`);
  return `${strong}${t.impacts} more${strong} impacted nodes: ${parts.join('; ')}.`;
}
