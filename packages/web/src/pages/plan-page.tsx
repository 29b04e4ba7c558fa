import { useState } from 'react';
import { ApiError, api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { ChangesTable } from '../components/changes-table.js';
import { formatDay } from '../components/format.js';
import { ImpactSummary } from '../components/impact-summary.js';
import { ImpactView } from '../components/impact-view.js';
import { Link } from '../components/link.js';
import { useDocumentTitle } from '../components/node-title.js';
import { PlanDrop } from '../components/plan-drop.js';
import { ErrorBox, Loaded, Loading } from '../components/status.js';
import { navigate, setQuery, useLocation } from '../router.js';

/**
 * Drop a plan: the server keeps it (values redacted) under an id, and the report lives at
 * `/plan/<id>?workspace=&now=`, a URL that reproduces it while the server runs.
 */
export function PlanPage({ id }: { id?: string }) {
  useDocumentTitle('Plan impact');
  const { query } = useLocation();
  const workspace = query.get('workspace') ?? '';
  const now = query.get('now') ?? '';
  const name = query.get('name') ?? 'plan.json';
  const [upload, setUpload] = useState<
    { state: 'idle' } | { state: 'busy' } | { state: 'error'; error: Error }
  >({
    state: 'idle',
  });
  const workspaces = useApi(() => api.workspaces(), 'workspaces');
  const submit = (file: string, text: string) => {
    setUpload({ state: 'busy' });
    api.keepPlan(text).then(
      (kept) => {
        setUpload({ state: 'idle' });
        const search = new URLSearchParams({ name: file });
        if (workspace) search.set('workspace', workspace);
        if (now) search.set('now', now);
        navigate(`/plan/${encodeURIComponent(kept.id)}?${search}`);
      },
      (error: Error) => setUpload({ state: 'error', error }),
    );
  };
  return (
    <>
      <h1>Plan impact</h1>
      <p className="lede">What does this plan break in the rest of the estate? The same report as the CLI.</p>
      <PlanDrop onPlan={submit} busy={upload.state === 'busy'} />
      <form className="controls" aria-label="Plan options" onSubmit={(e) => e.preventDefault()}>
        <label>
          Workspace{' '}
          <select value={workspace} onChange={(e) => setQuery({ workspace: e.target.value })}>
            <option value="">inferred from the plan</option>
            {(workspaces.state === 'ok' ? workspaces.data.items.map((w) => w.name) : [workspace])
              .filter((w) => w !== '')
              .map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
          </select>
        </label>
        <label>
          Applied on{' '}
          <input
            type="date"
            value={now ? formatDay(now) : ''}
            onChange={(e) =>
              setQuery({ now: e.target.value ? `${e.target.value}T00:00:00.000Z` : undefined })
            }
          />
        </label>
        {now && (
          <button type="button" className="link-button" onClick={() => setQuery({ now: undefined })}>
            now
          </button>
        )}
      </form>
      {upload.state === 'busy' && <Loading what="the plan" />}
      {upload.state === 'error' && <ErrorBox error={upload.error} what="the plan" />}
      {id && <PlanReport id={id} name={name} workspace={workspace} now={now} />}
    </>
  );
}

function PlanReport({
  id,
  name,
  workspace,
  now,
}: {
  id: string;
  name: string;
  workspace: string;
  now: string;
}) {
  const answer = useApi(
    () => api.savedPlanImpact(id, { ...(workspace ? { workspace } : {}), ...(now ? { now } : {}) }),
    `plan|${id}|${workspace}|${now}`,
  );
  if (answer.state === 'error' && answer.error instanceof ApiError && answer.error.code === 'PLAN_NOT_FOUND')
    return (
      <p className="note" role="alert">
        This server no longer holds <code>{name}</code> (it keeps the last plans while it runs): drop it again
        above.
      </p>
    );
  return (
    <Loaded value={answer} what={`the impact of ${name}`}>
      {({ result, subgraph }) => (
        <section className="plan-report" aria-label={`Report for ${name}`}>
          <h2>
            Report for <code>{name}</code>
            {result.workspace && <> in {result.workspace}</>}
            {result.workspaceInferred && <span className="muted small"> (inferred)</span>} at{' '}
            {formatDay(result.now)}
          </h2>
          <p className="small muted">
            <Link href={window.location.pathname + window.location.search} data-testid="report-link">
              Link to this report
            </Link>{' '}
            — it asks the server again, with this workspace and date.
          </p>
          <ImpactSummary result={result} />
          <ChangesTable changes={result.changes} />
          <ImpactView result={result} subgraph={subgraph} action="applied" />
        </section>
      )}
    </Loaded>
  );
}
