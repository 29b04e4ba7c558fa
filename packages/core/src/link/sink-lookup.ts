import type { EvidenceSink } from './evidence-sink.js';
import type { IdentityMatch } from './identity-index.js';

/**
 * What a literal name or ARN of `from` matched, as evidence: an edge to each producer (a `lookup`,
 * or the kind the match says), or — a name too many producers fit — an unresolved `ambiguous`.
 */
export function sinkLookup(
  sink: EvidenceSink,
  from: string,
  matches: readonly IdentityMatch[],
  attribute: string,
  value: string,
): void {
  for (const m of matches) {
    if (m.id === '') sink.unresolved(from, 'ambiguous', [value]);
    else
      sink.edge(from, m.id, {
        kind: m.via ?? 'lookup',
        attribute,
        confidence: m.confidence,
        evidence: m.matched,
        ...(m.candidates ? { candidates: m.candidates } : {}),
      });
  }
}
