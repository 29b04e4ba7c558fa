import type { SecretEvent } from '../api/types.js';
import { nodeHref, workspaceHref } from '../router.js';
import { IdList } from './id-list.js';
import { Link } from './link.js';
import { plural, secretName, secretNoun, windowWords } from './secret-words.js';

/** One secret lifecycle event in words, the secret linked to its node page. */
export function SecretEventText({ event }: { event: SecretEvent }) {
  const s = event.secret;
  const who = (
    <>
      {secretNoun(s.service)}{' '}
      <Link href={nodeHref(s.id)} className="mono">
        {secretName(s)}
      </Link>
    </>
  );
  const where = (
    <>
      {' '}
      in <Link href={workspaceHref(s.workspace)}>{s.workspace}</Link>
    </>
  );
  switch (event.event) {
    case 'created':
      return (
        <>
          {who} created{where}.
        </>
      );
    case 'deleted':
      return (
        <>
          {who} deleted{where}: {windowWords(event.recoveryWindowDays)}.{' '}
          {event.consumers.length === 0
            ? 'Nothing consumed it.'
            : `${plural(event.consumers.length, 'consumer')} had it.`}
          <Consumers ids={event.consumers} label="Its consumers" />
        </>
      );
    case 'replaced':
      return (
        <>
          {who} replaced{where}: a new ARN
          {s.arn ? (
            <>
              {' '}
              <code className="wrap">{s.arn}</code>
            </>
          ) : null}
          {event.previous.arn ? (
            <>
              {' '}
              (was <code className="wrap">{event.previous.arn}</code>)
            </>
          ) : null}
          ; consumers holding the old ARN break
          {event.matchedBy === 'name' ? ' (the same name in the same account and region)' : ''}.
        </>
      );
    case 'recovery_window_changed':
      return (
        <>
          {who}
          {where}: recovery window {days(event.from)} → {days(event.to)}.
        </>
      );
    case 'rotation_disabled':
    case 'rotation_enabled':
      return (
        <>
          {who}
          {where}: rotation turned {event.event === 'rotation_enabled' ? 'on' : 'off'}.
        </>
      );
    case 'value_changed':
      return (
        <>
          {who}
          {where}: its value changed (a rotation or a new version; the value is never shown).
        </>
      );
    case 'consumers_lost':
    case 'consumers_gained':
      return (
        <>
          {who}
          {where} {event.event === 'consumers_lost' ? 'lost' : 'gained'}{' '}
          {plural(event.consumers.length, 'consumer')}.
          <Consumers ids={event.consumers} label="Which" />
        </>
      );
  }
}

function days(n: number | undefined): string {
  return n === undefined ? 'none' : plural(n, 'day');
}

function Consumers({ ids, label }: { ids: string[]; label: string }) {
  return (
    <IdList
      label={label}
      count={ids.length}
      items={ids}
      keyOf={(id) => id}
      render={(id) => <Link href={nodeHref(id)}>{id}</Link>}
    />
  );
}
