import type { ChangedResource } from '@impact/core';
import type { VersionRecord } from '../api/types.js';
import { nodeHref, workspaceHref } from '../router.js';
import { formatDate } from './format.js';
import { IdList } from './id-list.js';
import { Link } from './link.js';
import { SecretEventText } from './secret-event.js';
import { plural } from './secret-words.js';
import { TRIGGER_WORDS } from './version-timeline.js';

/** One recorded version: when, what read it, how big, and what changed since the one before. */
export function VersionRecordView({ record }: { record: VersionRecord }) {
  const { changes } = record;
  return (
    <article className="version-record" aria-labelledby="version-heading" data-version={record.version}>
      <h2 id="version-heading">Version {record.version}</h2>
      <p className="muted">
        Recorded {formatDate(record.recordedAt)} by {TRIGGER_WORDS[record.trigger]} · estate{' '}
        <code className="wrap">{record.estate}</code> · {record.totals.workspaces} workspaces,{' '}
        {record.totals.resources} resources, {record.totals.edges} edges ·{' '}
        {plural(record.states.length, 'state')} read
      </p>
      {changes === null ? (
        <p className="empty">First version recorded: nothing to compare with.</p>
      ) : (
        <>
          {changes.truncated && changes.truncated.length > 0 && (
            <p className="note small">
              Lists cut at their limit: {changes.truncated.join(', ')}. Their counts are whole; the ids beyond
              the limit are not kept.
            </p>
          )}
          <h3>Secret events</h3>
          {changes.secretEvents.length === 0 ? (
            <p className="empty">No secret, parameter or key created, deleted or changed.</p>
          ) : (
            <ul className="secret-events">
              {changes.secretEvents.map((e) => (
                <li
                  key={`${e.event}|${e.secret.id}`}
                  className={`secret-event event-${e.event}`}
                  data-event={e.event}
                >
                  <SecretEventText event={e} />
                </li>
              ))}
            </ul>
          )}
          <h3>What else changed</h3>
          <Changes changes={changes} />
        </>
      )}
    </article>
  );
}

function Changes({ changes }: { changes: NonNullable<VersionRecord['changes']> }) {
  const { summary, workspaces, resources, edges } = changes;
  const cut = (category: string) => isTruncated(changes.truncated, category);
  const nodeLink = (id: string) => <Link href={nodeHref(id)}>{id}</Link>;
  const lists = [
    ['Workspaces added', summary.workspacesAdded, workspaces.added, 'workspaces.added'],
    ['Workspaces removed', summary.workspacesRemoved, workspaces.removed, 'workspaces.removed'],
  ] as const;
  const total = Object.entries(summary)
    .filter(([k]) => k !== 'secretEvents')
    .reduce((n, [, v]) => n + v, 0);
  if (total === 0)
    return <p className="empty">Nothing else: no workspace, resource or edge added or removed.</p>;
  return (
    <div className="change-lists">
      {lists.map(([label, count, items, category]) => (
        <IdList
          key={category}
          label={label}
          count={count}
          items={[...items]}
          keyOf={(id) => id}
          render={(name) => <Link href={workspaceHref(name)}>{name}</Link>}
          truncated={cut(category)}
        />
      ))}
      <IdList
        label="Resources added"
        count={summary.resourcesAdded}
        items={resources.added}
        keyOf={(id) => id}
        render={nodeLink}
        truncated={cut('resources.added')}
      />
      <IdList
        label="Resources removed"
        count={summary.resourcesRemoved}
        items={resources.removed}
        keyOf={(id) => id}
        render={(id) => id}
        truncated={cut('resources.removed')}
      />
      <IdList
        label="Resources changed"
        count={summary.resourcesChanged}
        items={resources.changed}
        keyOf={(c: ChangedResource) => c.id}
        render={(c: ChangedResource) => (
          <>
            {nodeLink(c.id)} <span className="muted">{c.fields.join(', ')}</span>
          </>
        )}
        truncated={cut('resources.changed')}
      />
      <IdList
        label="Edges added"
        count={summary.edgesAdded}
        items={edges.added}
        keyOf={(k) => k}
        render={(k) => k}
        truncated={cut('edges.added')}
      />
      <IdList
        label="Edges removed"
        count={summary.edgesRemoved}
        items={edges.removed}
        keyOf={(k) => k}
        render={(k) => k}
        truncated={cut('edges.removed')}
      />
    </div>
  );
}

/** Whether the store cut a list: it may name the category `resources.added` or `resourcesAdded`. */
function isTruncated(truncated: string[] | undefined, category: string): boolean {
  if (!truncated) return false;
  const [group = '', list = ''] = category.split('.');
  const camel = `${group}${list.charAt(0).toUpperCase()}${list.slice(1)}`;
  return truncated.some((t) => t === category || t === camel || t === group);
}
