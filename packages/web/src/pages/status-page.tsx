import { useState } from 'react';
import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { formatDate } from '../components/format.js';
import { Loaded } from '../components/status.js';

export function StatusPage() {
  const health = useApi(() => api.health(), 'health');
  const diagnostics = useApi(() => api.diagnostics(), 'diagnostics');
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
              <>
                <h2>Unresolved by kind</h2>
                <ul className="inline-list">
                  {Object.entries(h.counts.unresolved).map(([kind, n]) => (
                    <li key={kind}>
                      <span className="edge-kind">{kind}</span> {n}
                    </li>
                  ))}
                </ul>
              </>
            )}
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
