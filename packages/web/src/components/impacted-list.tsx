import { consumerKindOf, type Impact } from '@impact/core';
import { useState } from 'react';
import { nodeHref } from '../router.js';
import { SEVERITY_RANK } from './colors.js';
import { ConsumerKindBadge } from './consumer-kind-badge.js';
import { describeNoticedBy, formatDate, windowNote } from './format.js';
import { Link } from './link.js';
import { SeverityBadge } from './severity-badge.js';
import { WhyPath } from './why-path.js';

/** Worst first, then nearest, then by id: the order a reader triages in. */
export function sortImpacts(impacts: Impact[]): Impact[] {
  return [...impacts].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.distance - b.distance ||
      a.id.localeCompare(b.id),
  );
}

/** Long answers render in pages, so a few thousand impacts do not stall the first paint. */
const PAGE = 100;

export interface ImpactedListProps {
  impacts: Impact[];
  labels: Map<string, string>;
  /** How many nodes depend on the changed node directly, when known (a node's page knows). */
  dependents?: number;
  /** What the change does, for the note shown when nothing is impacted. */
  action?: string;
}

/**
 * No impact is not "safe": an update, a replace that keeps the name, or a consumer the linkers
 * could not judge all yield none. Only a node without dependents has nothing that could notice.
 */
export function noImpactNote(dependents: number | undefined, action = 'changed'): string {
  if (dependents === 0) return 'Nothing in the estate depends on this.';
  const who =
    dependents === undefined
      ? 'Nothing in the estate'
      : `None of the ${dependents} dependent${dependents === 1 ? '' : 's'}`;
  return `${who} is analysed as breaking if this is ${action}. That is not a proof that the change is safe: impact reads states and configurations, not what runs.`;
}

export function ImpactedList({ impacts, labels, dependents, action }: ImpactedListProps) {
  const [shown, setShown] = useState(PAGE);
  if (impacts.length === 0) return <p className="empty">{noImpactNote(dependents, action)}</p>;
  return (
    <>
      <ul className="impacted-list" aria-label="Impacted">
        {sortImpacts(impacts)
          .slice(0, shown)
          .map((impact) => {
            const note = windowNote(impact);
            return (
              <li
                key={`${impact.causeId}|${impact.id}`}
                className={`impact sev-edge-${impact.severity}`}
                data-id={impact.id}
              >
                <div className="impact-head">
                  <SeverityBadge severity={impact.severity} />{' '}
                  {impact.confidence && (
                    <span
                      className="badge doubt"
                      title={
                        impact.confidence === 'ambiguous'
                          ? 'the name fits producers in several accounts or regions, and this consumer’s is unknown'
                          : 'it depends on a remote state, and which output it reads is unknown'
                      }
                    >
                      {impact.confidence}
                    </span>
                  )}{' '}
                  <ConsumerKindBadge kind={consumerKindOf(impact, impact.path[0])} />{' '}
                  <Link href={nodeHref(impact.id)} className="mono">
                    {impact.label}
                  </Link>{' '}
                  <span className="muted">
                    in {impact.workspace} · {impact.distance} hop{impact.distance === 1 ? '' : 's'}
                  </span>
                </div>
                <p>{impact.reason}</p>
                <p className="small">
                  Noticed {describeNoticedBy(impact.noticedBy)}
                  {impact.noticedAt ? `: ${formatDate(impact.noticedAt)}` : ''}
                  {note ? ` · ${note}` : ''}
                </p>
                <details>
                  <summary>
                    Why ({impact.path.length} step{impact.path.length === 1 ? '' : 's'})
                  </summary>
                  <WhyPath path={impact.path} labels={labels} />
                  {impact.source && (
                    <p className="small muted">
                      declared in <code>{`${impact.source.file}:${impact.source.line}`}</code>
                    </p>
                  )}
                </details>
              </li>
            );
          })}
      </ul>
      {impacts.length > shown && (
        <button type="button" onClick={() => setShown(impacts.length)}>
          Show all {impacts.length} impacted
        </button>
      )}
    </>
  );
}
