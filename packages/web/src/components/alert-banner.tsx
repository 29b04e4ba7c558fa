import { useEffect, useRef } from 'react';
import { api } from '../api/client.js';
import type { StoredAlert } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { alertHref, changesHref } from '../router.js';
import { CopyCode } from './copy-code.js';
import { formatDate } from './format.js';
import { Link } from './link.js';
import { plural, restorableAlerts, secretName, secretNoun } from './secret-words.js';
import { countdownTick, formatAgo, formatCountdown } from './time-left.js';
import { useNow } from './use-now.js';

/**
 * The banner every page shows while a deleted secret can still be restored: loads the open alerts
 * again on each new graph and each recorded version. Nothing when there is none, when the server
 * keeps no history, or when it cannot say (an error here belongs to the Changes page, not every page).
 */
export function AlertBanner() {
  const answer = useApi(() => api.alerts('open'), 'alerts|open', { history: true });
  const alerts = answer.state === 'ok' && answer.data.store !== null ? answer.data.alerts : [];
  return <AlertBannerView alerts={alerts} />;
}

export interface AlertBannerViewProps {
  alerts: StoredAlert[];
  /** The clock (ms), for tests; by default it moves by itself. */
  now?: number;
}

export function AlertBannerView({ alerts, now: fixed }: AlertBannerViewProps) {
  const clock = useNow(fixed === undefined ? tickFor(alerts) : null);
  const now = fixed ?? clock;
  const shown = restorableAlerts(alerts, now);
  const lead = shown[0];
  // Announced assertively once, when an alert first shows; after that only politely, and the
  // moving parts (how long ago, time left) not at all.
  const announced = useRef(new Set<string>());
  const fresh = lead !== undefined && !announced.current.has(lead.id);
  useEffect(() => {
    if (lead) announced.current.add(lead.id);
  }, [lead]);
  if (!lead?.restoreBefore) return null;
  const s = lead.secret;
  // Consumers at risk: what notices the loss, not what only refers to it (info).
  const consumers = lead.summary.impacted - lead.summary.bySeverity.info;
  const more = shown.length - 1;
  return (
    <aside className="alert-banner" aria-label="Deletion alert" data-id={lead.id}>
      <p role={fresh ? 'alert' : 'status'}>
        <strong>
          {secretNoun(s.service)} <span className="mono">{secretName(s)}</span>
        </strong>{' '}
        was {lead.kind === 'secret_replaced' ? 'replaced' : 'deleted'} in {s.workspace}{' '}
        <span aria-live="off">{formatAgo(now - Date.parse(lead.changedAt))} ago</span> — restore it before{' '}
        <time dateTime={lead.restoreBefore}>{formatDate(lead.restoreBefore)}</time> (
        <span className="countdown" role="timer" aria-live="off">
          {formatCountdown(Date.parse(lead.restoreBefore) - now)}
        </span>
        ){' '}
        {consumers > 0
          ? `or ${plural(consumers, 'consumer')} will find it gone for good`
          : 'if anything outside the estate still reads it: nothing inside does'}
        {more > 0 && (
          <>
            {' '}
            — and <Link href={changesHref()}>{more} more</Link>
          </>
        )}
        .
      </p>
      <div className="alert-banner-actions">
        {lead.fix && <CopyCode code={lead.fix.command} label="Copy the restore command" />}
        <Link href={alertHref(lead.id)}>See the alert and who is at risk</Link>
      </div>
    </aside>
  );
}

/** Each second in the soonest deadline's last hour, else each minute; not at all without a deadline. */
function tickFor(alerts: StoredAlert[]): number | null {
  const soonest = restorableAlerts(alerts, Date.now())[0]?.restoreBefore;
  return soonest ? countdownTick(Date.parse(soonest) - Date.now()) : null;
}
