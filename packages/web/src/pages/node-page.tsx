import { useMemo } from 'react';
import { ApiError, api, type NodeAction } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { formatDay } from '../components/format.js';
import { ImpactSummary } from '../components/impact-summary.js';
import { ImpactView } from '../components/impact-view.js';
import { NodeFacts } from '../components/node-facts.js';
import { NodeTitle } from '../components/node-title.js';
import { NotFound } from '../components/not-found.js';
import { SecretHistory } from '../components/secret-history.js';
import { Loaded } from '../components/status.js';
import { Timeline } from '../components/timeline.js';
import { drawingSubgraph } from '../graph/drawing-subgraph.js';
import { setQuery, useLocation } from '../router.js';

export function NodePage({ id }: { id: string }) {
  const { query } = useLocation();
  const action: NodeAction = query.get('action') === 'replace' ? 'replace' : 'delete';
  const now = query.get('now') ?? undefined;
  const detail = useApi(() => api.node(id), `node|${id}`);
  const impact = useApi(() => api.nodeImpact(id, action, now), `impact|${id}|${action}|${now ?? ''}`);
  // The whole radius to draw; without it (an older server, an error) the listed page is drawn.
  const radius = useApi(() => api.radius(id), `radius|${id}`);
  const drawing = useMemo(
    () =>
      radius.state === 'ok' && impact.state === 'ok'
        ? drawingSubgraph(radius.data, impact.data.subgraph)
        : null,
    [radius, impact],
  );

  if (detail.state === 'error' && detail.error instanceof ApiError && detail.error.statusCode === 404)
    return (
      <>
        <NotFound what="node" name={id} search={lastName(id)} />
        {/* A secret deleted since keeps its history: what happened to it, and its alert. */}
        <SecretHistory id={id} hideEmpty />
      </>
    );

  return (
    <>
      <Loaded value={detail} what="node">
        {({ node, in: inbound }) => (
          <header className="node-header">
            <NodeTitle node={node} inbound={inbound} />
            <NodeFacts node={node} />
          </header>
        )}
      </Loaded>
      <div className="controls">
        <fieldset className="segmented">
          <legend>If this is</legend>
          {(['delete', 'replace'] as const).map((a) => (
            <label key={a} className={a === action ? 'on' : undefined}>
              <input
                type="radio"
                name="action"
                value={a}
                checked={a === action}
                onChange={() => setQuery({ action: a })}
              />
              {a === 'delete' ? 'deleted' : 'replaced'}
            </label>
          ))}
        </fieldset>
        {action === 'delete' && (
          <label>
            Delete on{' '}
            <input
              type="date"
              value={formatDay(now ?? new Date().toISOString())}
              onChange={(e) =>
                setQuery({ now: e.target.value ? `${e.target.value}T00:00:00.000Z` : undefined })
              }
            />
            {now && (
              <button type="button" className="link-button" onClick={() => setQuery({ now: undefined })}>
                today
              </button>
            )}
          </label>
        )}
      </div>
      <Loaded value={impact} what="impact">
        {({ result, subgraph }) => {
          const windowEnd = result.impacts.find((i) => i.window)?.window?.endsAt ?? windowFromChange(result);
          return (
            <>
              <ImpactSummary result={result} />
              <ImpactView
                result={result}
                subgraph={subgraph}
                {...(drawing ? { drawing } : {})}
                action={action === 'delete' ? 'deleted' : 'replaced'}
                {...(detail.state === 'ok' ? { dependents: detail.data.in.length } : {})}
              />
              {action === 'delete' && (
                <section aria-labelledby="timeline-heading">
                  <h2 id="timeline-heading">When each consumer notices</h2>
                  <Timeline now={result.now} windowEndsAt={windowEnd} impacts={result.impacts} />
                </section>
              )}
            </>
          );
        }}
      </Loaded>
      {detail.state === 'ok' && detail.data.node.secret && <SecretHistory id={id} />}
    </>
  );
}

function windowFromChange(result: {
  now: string;
  changes: { recoveryWindowDays?: number }[];
}): string | null {
  const days = result.changes.find((c) => c.recoveryWindowDays !== undefined)?.recoveryWindowDays;
  if (days === undefined) return null;
  return new Date(Date.parse(result.now) + days * 86_400_000).toISOString();
}

/** The part of an id worth searching for: its resource name, or the last segment of a name or ARN. */
function lastName(id: string): string {
  const tail = id.split('::').pop() ?? id;
  return tail.split(/[./:]/).filter(Boolean).pop() ?? tail;
}
