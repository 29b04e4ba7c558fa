import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { changesHref } from '../router.js';
import { AlertCard } from './alert-card.js';
import { formatDate } from './format.js';
import { Link } from './link.js';
import { SecretEventText } from './secret-event.js';

/**
 * What the recorded versions say happened to one secret, newest first, and its alerts. Nothing at
 * all when the server keeps no history (it says its store is off; an older server answers 404) or
 * cannot answer: the rest of the page stands without it.
 */
export function SecretHistory({ id, hideEmpty = false }: { id: string; hideEmpty?: boolean }) {
  const answer = useApi(() => api.nodeHistory(id), `node-history|${id}`, { history: true });
  if (answer.state !== 'ok' || answer.data.store === null) return null;
  const { events, alerts } = answer.data;
  if (hideEmpty && events.length === 0 && alerts.length === 0) return null;
  return (
    <section className="secret-history" aria-labelledby="secret-history-heading">
      <h2 id="secret-history-heading">History</h2>
      {events.length === 0 && alerts.length === 0 && (
        <p className="empty">No change to this secret has been recorded since history began.</p>
      )}
      {alerts.length > 0 && (
        <div className="alert-list">
          {alerts.map((a) => (
            <AlertCard key={a.id} alert={a} />
          ))}
        </div>
      )}
      {events.length > 0 && (
        <ol className="secret-events" aria-label="Recorded events">
          {events.map((e) => (
            <li key={`${e.version}|${e.event.event}|${e.event.secret.id}`} data-event={e.event.event}>
              <Link href={changesHref(e.version)}>Version {e.version}</Link>{' '}
              <span className="muted small">{formatDate(e.recordedAt)}</span>:{' '}
              <SecretEventText event={e.event} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
