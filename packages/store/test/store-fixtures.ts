import type { DeletionAlert, SecretEvent, VersionChanges, VersionRecord } from '@impact/core';

/** Times of the three versions the behaviour suite records. */
export const TIMES = [
  '2026-11-30T10:00:00.000Z',
  '2026-11-30T11:00:00.000Z',
  '2026-11-30T12:00:00.000Z',
] as const;

const secret = (name: string) => ({
  id: `platform/secrets::aws_secretsmanager_secret.${name}`,
  workspace: 'platform/secrets',
  address: `aws_secretsmanager_secret.${name}`,
  service: 'secretsmanager' as const,
  name,
  arn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`,
});

function changes(events: SecretEvent[]): VersionChanges {
  return {
    summary: {
      workspacesAdded: 0,
      workspacesRemoved: 0,
      resourcesAdded: 1,
      resourcesRemoved: 1,
      resourcesChanged: 0,
      edgesAdded: 0,
      edgesRemoved: 2,
      secretEvents: events.length,
    },
    workspaces: { added: [], removed: [] },
    resources: {
      added: ['platform/secrets::aws_secretsmanager_secret.new'],
      removed: [secret('db').id],
      changed: [],
    },
    edges: { added: [], removed: ['a -> b', 'c -> d'] },
    secretEvents: events,
  };
}

/** The n-th (1-based) version record, without its number: v1 has no changes, v2 a deletion and a creation. */
export function versionInput(n: 1 | 2 | 3): Omit<VersionRecord, 'version'> {
  const events: SecretEvent[] =
    n === 2
      ? [
          {
            event: 'deleted',
            secret: secret('db'),
            recoveryWindowDays: 7,
            consumers: ['app::aws_ecs_service.api'],
          },
          { event: 'created', secret: secret('new') },
        ]
      : [];
  const time = TIMES[n - 1]!;
  return {
    recordedAt: time,
    trigger: n === 1 ? 'start' : 'watch',
    estate: 'fixtures/estate',
    totals: { workspaces: 3, resources: 10 + n, edges: 7 },
    states: [{ workspace: 'platform/secrets', version: `etag-${n}`, updated: time }],
    changes: n === 1 ? null : changes(events),
  };
}

/** A deletion alert whose window ends at `restoreBefore` (null: the value is already gone). */
export function alertInput(id: string, restoreBefore: string | null): DeletionAlert {
  return {
    formatVersion: '1.0',
    id,
    kind: 'secret_deleted',
    secret: secret('db'),
    version: 2,
    observedAt: TIMES[1],
    changedAt: TIMES[1],
    changedAtFrom: 'observed',
    recoveryWindowDays: restoreBefore === null ? null : 7,
    restoreBefore,
    recoverability: restoreBefore === null ? 'It is gone.' : 'It can be restored.',
    fix: { command: 'aws secretsmanager restore-secret --secret-id db' },
    impacts: [],
    summary: {
      changes: 1,
      impacted: 0,
      bySeverity: { irrecoverable: 0, breaks: 0, degraded: 0, info: 0 },
      workspaces: 0,
      worst: null,
    },
    afterWindow: 0,
    text: `Secret db was deleted (${id}).`,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
