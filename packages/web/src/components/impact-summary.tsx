import type { ImpactResult, Severity } from '@impact/core';
import { SeverityBadge } from './severity-badge.js';

const ORDER: Severity[] = ['irrecoverable', 'breaks', 'degraded', 'info'];

export function ImpactSummary({ result }: { result: ImpactResult }) {
  const s = result.summary;
  return (
    <section className="summary" aria-label="Summary">
      <p className="summary-line">
        {s.changes} change{s.changes === 1 ? '' : 's'} · <strong>{s.impacted}</strong> impacted across{' '}
        {s.workspaces} workspace{s.workspaces === 1 ? '' : 's'} · worst <SeverityBadge severity={s.worst} />
      </p>
      <ul className="counts">
        {ORDER.map((sev) => (
          <li key={sev}>
            <SeverityBadge severity={sev} /> {s.bySeverity[sev] ?? 0}
          </li>
        ))}
      </ul>
      {result.warnings.length > 0 && (
        <ul className="warnings">
          {result.warnings.map((w) => (
            <li key={`${w.code}|${w.address ?? ''}|${w.message}`} className="warning">
              <strong>{w.code}</strong>: {w.message}
            </li>
          ))}
        </ul>
      )}
      {result.truncated && (
        <p className="warning">
          {result.truncated.impacts} more impacts not listed
          {result.truncated.unanalysed
            ? ` (${result.truncated.unanalysed} of them not analysed: limit reached)`
            : ''}
          .
        </p>
      )}
    </section>
  );
}
