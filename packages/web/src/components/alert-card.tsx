import type { StoredAlert } from '../api/types.js';
import { changesHref, nodeHref, workspaceHref } from '../router.js';
import { CopyCode } from './copy-code.js';
import { Countdown } from './countdown.js';
import { formatDate } from './format.js';
import { ImpactedList } from './impacted-list.js';
import { Link } from './link.js';
import { plural, secretName, secretNoun } from './secret-words.js';

/** One deletion alert: the secret, when it went, until when it can come back, what to run, who is at risk. */
export function AlertCard({ alert, selected = false }: { alert: StoredAlert; selected?: boolean }) {
  const s = alert.secret;
  const labels = new Map([[s.id, secretName(s)], ...alert.impacts.map((i) => [i.id, i.label] as const)]);
  const headingId = `alert-${alert.id}-heading`;
  return (
    <article
      id={`alert-${alert.id}`}
      className={`alert-card alert-${alert.status}${selected ? ' selected' : ''}`}
      aria-labelledby={headingId}
      data-id={alert.id}
    >
      <h3 id={headingId}>
        <span className={`badge alert-status-${alert.status}`}>{alert.status}</span> {secretNoun(s.service)}{' '}
        <Link href={nodeHref(s.id)} className="mono">
          {secretName(s)}
        </Link>{' '}
        {alert.kind === 'secret_replaced' ? 'replaced' : 'deleted'} in{' '}
        <Link href={workspaceHref(s.workspace)}>{s.workspace}</Link>
      </h3>
      <dl className="facts">
        <div>
          <dt>changed</dt>
          <dd>
            {formatDate(alert.changedAt)}{' '}
            <span className="muted small">
              ({alert.changedAtFrom === 'source' ? 'when the state changed' : 'when impact saw it'}, in{' '}
              <Link href={changesHref(alert.version)}>version {alert.version}</Link>)
            </span>
          </dd>
        </div>
        <div>
          <dt>restore before</dt>
          <dd>
            {alert.restoreBefore === null ? (
              'no window: the value is already gone'
            ) : (
              <>
                <time dateTime={alert.restoreBefore}>{formatDate(alert.restoreBefore)}</time>
                {alert.status === 'open' && (
                  <>
                    {' '}
                    (<Countdown deadline={alert.restoreBefore} />)
                  </>
                )}
              </>
            )}
          </dd>
        </div>
        {s.arn && (
          <div>
            <dt>ARN</dt>
            <dd>
              <code className="wrap">{s.arn}</code>
            </dd>
          </div>
        )}
        {alert.previousArn && (
          <div>
            <dt>previous ARN</dt>
            <dd>
              <code className="wrap">{alert.previousArn}</code>
            </dd>
          </div>
        )}
      </dl>
      <p className="recoverability">{alert.recoverability}</p>
      {alert.cleared && (
        <p className="cleared-note">
          Cleared {formatDate(alert.cleared.at)} in{' '}
          <Link href={changesHref(alert.cleared.version)}>version {alert.cleared.version}</Link>:{' '}
          {alert.cleared.reason}.
        </p>
      )}
      {alert.fix && alert.status !== 'cleared' && (
        <>
          <h4>To restore it</h4>
          <CopyCode code={alert.fix.command} />
          {alert.fix.note && <p className="small muted">{alert.fix.note}</p>}
        </>
      )}
      <details className="at-risk" open={selected}>
        <summary>
          {plural(alert.summary.impacted - alert.summary.bySeverity.info, 'consumer')}
          {alert.status === 'cleared' ? ' were' : ''} at risk
          {alert.afterWindow > 0 && (
            <>
              {' '}
              · <strong>{alert.afterWindow}</strong> notice only after the recovery window closes
            </>
          )}
        </summary>
        <ImpactedList impacts={alert.impacts} labels={labels} action="deleted" />
      </details>
    </article>
  );
}
