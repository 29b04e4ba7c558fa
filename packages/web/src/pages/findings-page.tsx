import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { Link } from '../components/link.js';
import { ErrorBox, Loading } from '../components/status.js';
import { nodeHref } from '../router.js';

export function FindingsPage() {
  const findings = useApi(() => api.findings(), 'findings');
  return (
    <>
      <h1>Findings</h1>
      {findings.state === 'loading' && <Loading what="findings" />}
      {findings.state === 'error' &&
        ('statusCode' in findings.error && findings.error.statusCode === 404 ? (
          <p className="note">Findings are not available on this server yet.</p>
        ) : (
          <ErrorBox error={findings.error} what="findings" />
        ))}
      {findings.state === 'ok' &&
        (findings.data.findings.length === 0 ? (
          <p className="empty">No findings.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Rule</th>
                <th scope="col">Where</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {findings.data.findings.map((f, i) => {
                const node = f.nodeId ?? f.id;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: findings carry no guaranteed unique key
                  <tr key={i}>
                    <td>{f.severity ?? f.level ?? ''}</td>
                    <td className="mono small">{f.rule ?? f.code ?? ''}</td>
                    <td className="mono small">
                      {node ? <Link href={nodeHref(node)}>{node}</Link> : (f.workspace ?? '')}
                    </td>
                    <td>{f.message}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </>
  );
}
