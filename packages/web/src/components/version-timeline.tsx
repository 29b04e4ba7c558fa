import type { VersionHeader } from '../api/types.js';
import { changesHref } from '../router.js';
import { formatDate } from './format.js';
import { Link } from './link.js';
import { EVENT_LABELS } from './secret-words.js';

export const TRIGGER_WORDS: Record<VersionHeader['trigger'], string> = {
  start: 'server start',
  watch: 'watch',
  api: 'POST /api/ingest',
  cli: 'CLI',
};

/** Recorded versions, newest first, each a link to its record. */
export function VersionTimeline({ versions, selected }: { versions: VersionHeader[]; selected?: number }) {
  return (
    <ol className="version-timeline" aria-label="Recorded versions">
      {versions.map((v) => {
        const current = v.version === selected;
        return (
          <li key={v.version} className={current ? 'selected' : undefined} data-version={v.version}>
            <Link href={changesHref(v.version)} aria-current={current ? 'true' : undefined}>
              Version {v.version}
            </Link>{' '}
            <span className="muted small">
              {formatDate(v.recordedAt)} · {TRIGGER_WORDS[v.trigger]}
            </span>
            <div className="small">{summaryWords(v.summary)}</div>
            <EventCounts events={v.events} />
            <div className="muted small">
              {v.totals.workspaces} workspaces · {v.totals.resources} resources · {v.totals.edges} edges
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function EventCounts({ events }: { events: VersionHeader['events'] }) {
  const kinds = (Object.keys(EVENT_LABELS) as (keyof typeof EVENT_LABELS)[]).filter(
    (k) => (events[k] ?? 0) > 0,
  );
  if (kinds.length === 0) return null;
  return (
    <ul className="event-counts" aria-label="Secret events">
      {kinds.map((k) => (
        <li key={k} className={`badge event-${k}`}>
          {EVENT_LABELS[k]} {events[k]}
        </li>
      ))}
    </ul>
  );
}

/** The counts of a version's changes in one line: only what moved. */
export function summaryWords(summary: VersionHeader['summary']): string {
  if (summary === null) return 'first version recorded: nothing to compare with';
  const part = (what: string, added: number, removed: number, changed?: number) => {
    const bits = [
      added > 0 ? `+${added}` : '',
      removed > 0 ? `−${removed}` : '',
      changed ? `~${changed}` : '',
    ].filter(Boolean);
    return bits.length > 0 ? `${what} ${bits.join(' ')}` : '';
  };
  const parts = [
    part('workspaces', summary.workspacesAdded, summary.workspacesRemoved),
    part('resources', summary.resourcesAdded, summary.resourcesRemoved, summary.resourcesChanged),
    part('edges', summary.edgesAdded, summary.edgesRemoved),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'no change';
}
