import { useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.js';
import type { HistoryPage, VersionHeader } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { AlertsSection } from '../components/alerts-section.js';
import { HistoryOff } from '../components/history-off.js';
import { useDocumentTitle } from '../components/node-title.js';
import { ErrorBox, Loaded } from '../components/status.js';
import { VersionRecordView } from '../components/version-record.js';
import { VersionTimeline } from '../components/version-timeline.js';
import { useLocation } from '../router.js';

/** The estate's recorded versions and what each changed, with the deletion alerts they raised. */
export function ChangesPage({ version }: { version?: number }) {
  useDocumentTitle(version === undefined ? 'Changes' : `Version ${version}`);
  const history = useApi(() => api.history(), 'history', { history: true });
  return (
    <>
      <h1>Changes</h1>
      <Loaded value={history} what="history">
        {(first) => (first.store === null ? <HistoryOff /> : <History first={first} version={version} />)}
      </Loaded>
    </>
  );
}

function History({ first, version }: { first: HistoryPage; version: number | undefined }) {
  const { query } = useLocation();
  const alerts = useApi(() => api.alerts('all'), 'alerts|all', { history: true });
  const { versions, next, more, loading, error } = usePages(first);
  const selected = version ?? versions[0]?.version;
  return (
    <>
      <p className="muted">
        Each ingest is recorded as a version in the {first.store?.kind} store{' '}
        <code className="wrap">{first.store?.location}</code>; a version says what changed since the one
        before it, and a secret that disappears raises an alert with its restore deadline.
      </p>
      <Loaded value={alerts} what="alerts">
        {(answer) => <AlertsSection answer={answer} selected={query.get('alert')} />}
      </Loaded>
      <section className="versions" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {versions.length === 0 ? (
          <p className="empty">No version recorded yet: the first ingest records one.</p>
        ) : (
          <div className="versions-layout">
            <div>
              <VersionTimeline versions={versions} {...(selected !== undefined ? { selected } : {})} />
              {next !== null && (
                <button type="button" onClick={more} disabled={loading}>
                  {loading ? 'Loading older versions…' : 'Older versions'}
                </button>
              )}
              {error && <ErrorBox error={error} what="older versions" />}
            </div>
            {selected !== undefined && <SelectedVersion key={selected} version={selected} />}
          </div>
        )}
      </section>
    </>
  );
}

function SelectedVersion({ version }: { version: number }) {
  const record = useApi(() => api.version(version), `version|${version}`);
  if (record.state === 'error' && record.error instanceof ApiError && record.error.statusCode === 404)
    return (
      <p className="empty">No version {version} in the store: it may be older than what the store keeps.</p>
    );
  return (
    <Loaded value={record} what={`version ${version}`}>
      {(r) => <VersionRecordView record={r} />}
    </Loaded>
  );
}

/** The first page, as loaded (and reloaded on each new version), then older pages as asked for. */
function usePages(first: HistoryPage) {
  const [older, setOlder] = useState<{ versions: VersionHeader[]; next: number | null }>({
    versions: [],
    next: first.next,
  });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    setOlder({ versions: [], next: first.next });
    setError(null);
  }, [first]);
  const more = () => {
    if (older.next === null) return;
    setLoading(true);
    api.history(older.next).then(
      (page) => {
        setOlder((o) => ({ versions: [...o.versions, ...page.versions], next: page.next }));
        setLoading(false);
      },
      (e: Error) => {
        setError(e);
        setLoading(false);
      },
    );
  };
  const seen = new Set(first.versions.map((v) => v.version));
  return {
    versions: [...first.versions, ...older.versions.filter((v) => !seen.has(v.version))],
    next: older.next,
    more,
    loading,
    error,
  };
}
