import { api, FINDINGS_PAGE } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { Link } from '../components/link.js';
import { ErrorBox, Loading } from '../components/status.js';
import { nodeHref, useLocation } from '../router.js';

/** `/findings?offset=N`: one page of the API's findings, worst first, with links to the others. */
export function FindingsPage() {
  const { query } = useLocation();
  const asked = Number(query.get('offset') ?? 0);
  const offset = Number.isInteger(asked) && asked > 0 ? asked : 0;
  const findings = useApi(() => api.findings(offset), `findings@${offset}`);
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
        (findings.data.findings.length === 0 && offset === 0 ? (
          <p className="empty">No findings.</p>
        ) : (
          <>
            <Pager total={findings.data.total} offset={offset} shown={findings.data.findings.length} />
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
            {findings.data.total > FINDINGS_PAGE && (
              <Pager total={findings.data.total} offset={offset} shown={findings.data.findings.length} />
            )}
          </>
        ))}
    </>
  );
}

function Pager({ total, offset, shown }: { total: number; offset: number; shown: number }) {
  const fmt = (n: number) => n.toLocaleString('en');
  const at = (o: number) => (o > 0 ? `/findings?offset=${o}` : '/findings');
  return (
    <nav className="pager muted" aria-label="Findings pages">
      {shown > 0
        ? `Findings ${fmt(offset + 1)}–${fmt(offset + shown)} of ${fmt(total)}`
        : `No findings past ${fmt(total)}`}
      {offset > 0 && (
        <>
          {' · '}
          <Link href={at(Math.max(0, offset - FINDINGS_PAGE))}>previous</Link>
        </>
      )}
      {offset + shown < total && (
        <>
          {' · '}
          <Link href={at(offset + FINDINGS_PAGE)}>next</Link>
        </>
      )}
    </nav>
  );
}
