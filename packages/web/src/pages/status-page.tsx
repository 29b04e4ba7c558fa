import { useState } from 'react';
import { api } from '../api/client.js';
import type { Sources } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { CONFIDENCE_REASONS } from '../components/confidence-reasons.js';
import { formatDate } from '../components/format.js';
import { Link } from '../components/link.js';
import { useDocumentTitle } from '../components/node-title.js';
import { Loaded } from '../components/status.js';
import { UNRESOLVED_REASONS } from '../components/unresolved-reasons.js';

export function StatusPage() {
  useDocumentTitle('Status');
  const health = useApi(() => api.health(), 'health');
  const diagnostics = useApi(() => api.diagnostics(), 'diagnostics');
  const sources = useApi(() => api.sources(), 'sources');
  const history = useApi(() => api.history(undefined, 1), 'history-latest', { history: true });
  const [severity, setSeverity] = useState('');
  return (
    <>
      <h1>Ingest status</h1>
      <Loaded value={health} what="health">
        {(h) => (
          <>
            <p className={`health health-${h.status}`}>
              <strong>{h.status}</strong> · impact {h.version} · estate <code>{h.estate.source}</code>{' '}
              ingested {formatDate(h.estate.ingestedAt)}
              {h.ingest.state === 'running' && ' · re-ingest running'}
            </p>
            {h.ingest.lastError && (
              <p className="error-box" role="alert">
                Last ingest failed: {h.ingest.lastError}
              </p>
            )}
            <ul className="stat-cards">
              <Stat label="workspaces" value={h.counts.workspaces} />
              <Stat label="resources ingested" value={h.counts.resources} />
              <Stat label="outputs" value={h.counts.outputs} />
              <Stat label="links (edges)" value={h.counts.edges} />
              <Stat label="unresolved references" value={total(h.counts.unresolved)} />
              <Stat label="errors" value={h.diagnostics.error} />
              <Stat label="warnings" value={h.diagnostics.warning} />
            </ul>
            {typeof h.counts.unresolved === 'object' && total(h.counts.unresolved) > 0 && (
              <Unresolved counts={h.counts.unresolved} />
            )}
            {h.counts.edgesByConfidence && <ByConfidence counts={h.counts.edgesByConfidence} />}
            <h2>Links by kind</h2>
            <ul className="inline-list">
              {Object.entries(h.counts.edgesByKind)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([kind, n]) => (
                  <li key={kind}>
                    <span className="edge-kind">{kind}</span> {n}
                  </li>
                ))}
            </ul>
          </>
        )}
      </Loaded>
      <Loaded value={history} what="history">
        {(h) => (
          <>
            <h2 id="history-heading">History</h2>
            {h.store ? (
              <p>
                Kept in {h.store.kind === 'postgres' ? 'PostgreSQL' : 'an embedded store'} at{' '}
                <code>{h.store.location}</code>
                {h.versions[0]
                  ? ` · version ${h.versions[0].version} recorded ${formatDate(h.versions[0].recordedAt)}`
                  : ' · no version recorded yet'}{' '}
                · <Link href="/changes">Changes and alerts</Link>
              </p>
            ) : (
              <p className="muted">
                Not kept by this server (started with <code>--no-store</code>, or its default store was held
                by another process): see <Link href="/changes">Changes</Link>.
              </p>
            )}
          </>
        )}
      </Loaded>
      <Loaded value={sources} what="sources">
        {(s) => <SourcesTable sources={s} />}
      </Loaded>
      <h2>Diagnostics</h2>
      <p className="muted">What failed to parse or link, and why. The rest of the estate still ingested.</p>
      <Loaded value={diagnostics} what="diagnostics">
        {({ diagnostics: list }) => {
          const shown = severity ? list.filter((d) => d.severity === severity) : list;
          return (
            <>
              <label>
                Severity{' '}
                <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
                  <option value="">all ({list.length})</option>
                  <option value="error">error</option>
                  <option value="warning">warning</option>
                  <option value="info">info</option>
                </select>
              </label>
              {shown.length === 0 ? (
                <p className="empty">No diagnostics.</p>
              ) : (
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Severity</th>
                      <th scope="col">Code</th>
                      <th scope="col">File</th>
                      <th scope="col">Message</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((d, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics have no id and may repeat
                      <tr key={i}>
                        <td>
                          <span className={`badge diag-${d.severity}`}>{d.severity}</span>
                        </td>
                        <td className="mono small">{d.code}</td>
                        <td className="mono small">{d.file ?? d.workspace ?? ''}</td>
                        <td>{d.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

/** Where the estate is read from: each source's last poll and change, its counts and its last error. */
function SourcesTable({ sources }: { sources: Sources }) {
  const { watch } = sources;
  const last = watch?.lastSummary;
  return (
    <>
      <h2 id="sources-heading">Sources</h2>
      <p className="muted">
        {watch
          ? `Watched: every source is polled every ${seconds(watch.intervalMs)}; only the states whose version changed are read again, and the page in view refreshes when a new graph is live.`
          : 'Not watched: the estate is read when the server starts and on POST /api/ingest (impact serve --watch 30s polls it).'}{' '}
        Graph version {sources.version}
        {last
          ? ` · last ingest: ${last.fetched} of ${last.workspaces} states read, ${last.relinked} workspaces re-linked, ${last.patched ? 'patched in place' : 'built'} in ${last.ms} ms`
          : ''}
        .
      </p>
      <table className="data-table sources" aria-labelledby="sources-heading">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col">Last poll</th>
            <th scope="col">Last change</th>
            <th scope="col" className="num">
              Objects
            </th>
            <th scope="col" className="num">
              Workspaces
            </th>
            <th scope="col" className="num">
              Read last poll
            </th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {sources.sources.map((s) => (
            <tr key={s.name} data-kind={s.kind}>
              <td className="mono small">{s.name}</td>
              <td>{s.kind}</td>
              <td>{formatDate(s.lastPollAt)}</td>
              <td>{formatDate(s.lastChangeAt)}</td>
              <td className="num">{s.objects}</td>
              <td className="num">{s.workspaces}</td>
              <td className="num">{s.fetched}</td>
              <td className={s.lastError ? 'source-error' : 'muted'}>
                {s.lastError ? `${s.lastError} (${formatDate(s.lastErrorAt)})` : 'none'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function seconds(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}

/** Every counter the status counts, each with what it means and what settles it. */
function Unresolved({ counts }: { counts: Record<string, number> }) {
  const rows = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <h2 id="unresolved-heading">Unresolved references</h2>
      <p className="muted">
        References impact found but could not link: none is dropped silently, and none makes an edge.
      </p>
      <table className="data-table unresolved" aria-labelledby="unresolved-heading">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col">What it means</th>
            <th scope="col">What settles it</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([kind, n]) => (
            <tr key={kind} data-kind={kind}>
              <td>
                <span className="edge-kind">{kind}</span>
              </td>
              <td className="num">{n}</td>
              <td>{UNRESOLVED_REASONS[kind]?.means ?? 'Not described yet: see the diagnostics below.'}</td>
              <td>{UNRESOLVED_REASONS[kind]?.settle ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ByConfidence({ counts }: { counts: Record<string, number> }) {
  return (
    <>
      <h2>Links by confidence</h2>
      <dl className="facts confidence">
        {Object.entries(counts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([kind, n]) => (
            <div key={kind}>
              <dt>
                <span className="edge-kind">{kind}</span> {n}
              </dt>
              <dd className="small">{CONFIDENCE_REASONS[kind] ?? ''}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}

function total(value: number | Record<string, number>): number {
  return typeof value === 'number' ? value : Object.values(value).reduce((a, b) => a + b, 0);
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <li>
      <span className="stat-value">{value}</span> <span className="muted">{label}</span>
    </li>
  );
}
