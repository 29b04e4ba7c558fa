import { api, FINDINGS_PAGE } from '../api/client.js';
import type { FindingView } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { Link } from '../components/link.js';
import { useDocumentTitle } from '../components/node-title.js';
import { ErrorBox, Loading } from '../components/status.js';
import { nodeHref, ruleHref, setQuery, useLocation } from '../router.js';
import { RULE_DOCS } from '../rules/rule-docs.js';

const SEVERITIES = ['error', 'warn', 'info'] as const;

/** Findings filtered by rule, severity and workspace, a page at a time (all kept in the URL), coloured by severity. */
export function FindingsPage() {
  useDocumentTitle('Findings');
  const { query } = useLocation();
  const filter = {
    rule: query.get('rule') ?? '',
    severity: query.get('severity') ?? '',
    workspace: query.get('workspace') ?? '',
  };
  const asked = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== ''));
  const at = Number(query.get('offset') ?? 0);
  const offset = Number.isInteger(at) && at > 0 ? at : 0;
  const findings = useApi(() => api.findings(asked, offset), `findings|${JSON.stringify(asked)}@${offset}`);
  const workspaces = useApi(() => api.workspaces(), 'workspaces');
  const rules = [...RULE_DOCS.keys()].sort();
  return (
    <>
      <h1>Findings</h1>
      <p className="lede">
        Secret hygiene across the estate. Each rule links to its page: why it matters and how to fix it.
      </p>
      <search>
        <form className="filters" aria-label="Filter findings" onSubmit={(e) => e.preventDefault()}>
          <label>
            Rule{' '}
            <select value={filter.rule} onChange={(e) => setQuery({ rule: e.target.value })}>
              <option value="">all</option>
              {rules.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            Severity{' '}
            <select value={filter.severity} onChange={(e) => setQuery({ severity: e.target.value })}>
              <option value="">all</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Workspace{' '}
            <select value={filter.workspace} onChange={(e) => setQuery({ workspace: e.target.value })}>
              <option value="">all</option>
              {(workspaces.state === 'ok' ? workspaces.data.items.map((w) => w.name) : [filter.workspace])
                .filter((w) => w !== '')
                .map((w) => (
                  <option key={w} value={w}>
                    {w}
                  </option>
                ))}
            </select>
          </label>
          {Object.keys(asked).length > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => setQuery({ rule: undefined, severity: undefined, workspace: undefined })}
            >
              clear filters
            </button>
          )}
          {findings.state === 'ok' && (
            <output aria-live="polite" data-testid="findings-count">
              {findings.data.total ?? findings.data.findings.length} finding
              {(findings.data.total ?? findings.data.findings.length) === 1 ? '' : 's'}
            </output>
          )}
        </form>
      </search>
      {findings.state === 'loading' && <Loading what="findings" />}
      {findings.state === 'error' && <ErrorBox error={findings.error} what="findings" />}
      {findings.state === 'ok' && <FindingsTable findings={findings.data.findings} />}
      {findings.state === 'ok' && findings.data.total > findings.data.findings.length && (
        <Pager
          total={findings.data.total}
          offset={offset}
          shown={findings.data.findings.length}
          filter={asked}
        />
      )}
    </>
  );
}

function Pager({
  total,
  offset,
  shown,
  filter,
}: {
  total: number;
  offset: number;
  shown: number;
  filter: Record<string, string>;
}) {
  const fmt = (n: number) => n.toLocaleString('en');
  const at = (o: number) => {
    const q = new URLSearchParams({ ...filter, ...(o > 0 ? { offset: String(o) } : {}) }).toString();
    return q ? `/findings?${q}` : '/findings';
  };
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

function FindingsTable({ findings }: { findings: FindingView[] }) {
  if (findings.length === 0) return <p className="empty">No finding matches these filters.</p>;
  return (
    <table className="data-table findings">
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Rule</th>
          <th scope="col">About</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => (
          <tr
            key={`${f.rule}|${f.id}|${f.message}`}
            className={`finding finding-${f.severity}`}
            data-rule={f.rule}
          >
            <td>
              <span className={`badge finding-badge-${f.severity}`}>{f.severity}</span>
            </td>
            <td className="mono small">
              {RULE_DOCS.has(f.rule) ? <Link href={ruleHref(f.rule)}>{f.rule}</Link> : f.rule}
            </td>
            <td className="mono small">
              <Link href={nodeHref(f.id)}>{f.address ?? f.id}</Link>
              <div className="muted">{f.workspace}</div>
            </td>
            <td>{f.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
