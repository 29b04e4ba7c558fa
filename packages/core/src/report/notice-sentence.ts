import type { Impact } from '../impact/result-types.js';
import { formatUtc } from './format-utc.js';

/**
 * When the consumer will notice, as one sentence a reviewer can act on, and how that sits
 * against the recovery window: "monthly-invoices next runs 2027-01-01 03:00 UTC, 3 h after
 * the recovery window of prod/ledger/token ends".
 */
export function noticeSentence(impact: Impact): string {
  return `${when(impact)}${windowClause(impact)}`;
}

function when(impact: Impact): string {
  const by = impact.noticedBy;
  const at = impact.noticedAt ? formatUtc(impact.noticedAt) : null;
  switch (by.kind) {
    case 'schedule': {
      const name = by.name ?? lastSegment(by.scheduleId);
      if (!at) return `${name} runs on ${by.expression}`;
      return by.latest ? `${name} runs at the latest by ${at} (${by.expression})` : `${name} next runs ${at}`;
    }
    case 'runtime':
      return 'at its next start or invocation';
    case 'next-apply':
      return `at the next apply of ${by.workspace}`;
    case 'same-apply':
      return `in the same apply of ${by.workspace}`;
    case 'external':
      return 'when the outside principal next uses it';
  }
}

function windowClause(impact: Impact): string {
  const w = impact.window;
  // An informational impact or one fixed by the same apply does not race the window.
  if (!w || impact.severity === 'info' || impact.noticedBy.kind === 'same-apply') return '';
  const of = `the recovery window of ${impact.causeName ?? impact.cause}`;
  if (w.missedBy) return `, ${w.missedBy} after ${of} ends`;
  if (w.marginBefore) return `, ${w.marginBefore} before ${of} ends`;
  return ` (${of} ends ${formatUtc(w.endsAt)})`;
}

function lastSegment(id: string): string {
  const address = id.includes('::') ? id.slice(id.indexOf('::') + 2) : id;
  return address.slice(address.lastIndexOf('.') + 1);
}
