import { useEffect } from 'react';
import type { AlertsAnswer, StoredAlert } from '../api/types.js';
import { AlertCard } from './alert-card.js';
import { plural } from './secret-words.js';

/** Open alerts (the soonest deadline first), then expired ones, then cleared ones folded away. */
export function AlertsSection({ answer, selected }: { answer: AlertsAnswer; selected?: string | null }) {
  const open = answer.alerts
    .filter((a) => a.status === 'open')
    .sort((a, b) => deadline(a) - deadline(b) || a.id.localeCompare(b.id));
  const expired = answer.alerts.filter((a) => a.status === 'expired');
  const cleared = answer.alerts.filter((a) => a.status === 'cleared');
  // A link to one alert (the banner's) brings it into view once it is drawn.
  useEffect(() => {
    if (!selected) return;
    const el = document.getElementById(`alert-${selected}`);
    el?.scrollIntoView?.({ block: 'start' });
    el?.focus?.({ preventScroll: true });
  }, [selected]);
  return (
    <section className="alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Deletion alerts</h2>
      <p className="muted" data-testid="alert-counts">
        {open.length} open · {expired.length} expired · {cleared.length} cleared
      </p>
      {answer.alerts.length === 0 && (
        <p className="empty">
          No deletion alert: no secret, parameter or key has disappeared from the estate since history began.
        </p>
      )}
      {open.length > 0 && (
        <>
          <h3>Open: can still be restored</h3>
          <AlertList alerts={open} selected={selected} />
        </>
      )}
      {expired.length > 0 && (
        <>
          <h3>Expired: the value is gone</h3>
          <AlertList alerts={expired} selected={selected} />
        </>
      )}
      {cleared.length > 0 && (
        <details className="cleared-alerts" open={cleared.some((a) => a.id === selected)}>
          <summary>{plural(cleared.length, 'cleared alert')}</summary>
          <AlertList alerts={cleared} selected={selected} />
        </details>
      )}
    </section>
  );
}

function AlertList({ alerts, selected }: { alerts: StoredAlert[]; selected?: string | null | undefined }) {
  return (
    <div className="alert-list">
      {alerts.map((a) => (
        <AlertCard key={a.id} alert={a} selected={a.id === selected} />
      ))}
    </div>
  );
}

function deadline(alert: StoredAlert): number {
  return alert.restoreBefore === null ? 0 : Date.parse(alert.restoreBefore);
}
