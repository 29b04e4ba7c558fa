import type { ImpactResult } from '@impact/core';
import type { StoredAlert, VersionRecord } from '../src/api/types.js';
import recorded from './data/ledger-token-delete-nov20.json' with { type: 'json' };

// History answers for component tests, built on a recorded impact answer
// (GET /api/nodes/<prod/ledger/token>/impact?action=delete&now=2026-11-20T00:00:00.000Z).

const result = recorded.result as unknown as ImpactResult;

export const LEDGER = 'platform/secrets::aws_secretsmanager_secret.ledger_token';
const ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/ledger/token-LdG7x2';

const DAY = 86_400_000;

/** An open alert for prod/ledger/token deleted at `changedAt`, its 7-day window from then. */
export function storedAlert(over: Partial<StoredAlert> & { id: string; changedAt: string }): StoredAlert {
  const restoreBefore = new Date(Date.parse(over.changedAt) + 7 * DAY).toISOString();
  return {
    formatVersion: '1.0',
    kind: 'secret_deleted',
    secret: {
      id: LEDGER,
      workspace: 'platform/secrets',
      address: 'aws_secretsmanager_secret.ledger_token',
      service: 'secretsmanager',
      type: 'aws_secretsmanager_secret',
      name: 'prod/ledger/token',
      arn: ARN,
    },
    version: 4,
    observedAt: over.changedAt,
    changedAtFrom: 'source',
    recoveryWindowDays: 7,
    restoreBefore,
    recoverability: `Recoverable until ${restoreBefore} (a 7-day recovery window).`,
    fix: { command: `aws secretsmanager restore-secret --secret-id ${ARN}` },
    impacts: result.impacts,
    summary: result.summary,
    afterWindow: 2,
    text: 'prod/ledger/token was deleted',
    status: 'open',
    ...over,
  };
}

export const FIRST_VERSION: VersionRecord = {
  version: 1,
  recordedAt: '2026-11-19T08:00:00.000Z',
  trigger: 'start',
  estate: 'fixtures/estate',
  totals: { workspaces: 14, resources: 160, edges: 210 },
  states: [{ workspace: 'platform/secrets', version: '57' }],
  changes: null,
};

export const SECOND_VERSION: VersionRecord = {
  ...FIRST_VERSION,
  version: 2,
  recordedAt: '2026-11-20T00:00:00.000Z',
  trigger: 'watch',
  totals: { workspaces: 14, resources: 158, edges: 200 },
  changes: {
    summary: {
      workspacesAdded: 0,
      workspacesRemoved: 0,
      resourcesAdded: 0,
      resourcesRemoved: 2,
      resourcesChanged: 0,
      edgesAdded: 0,
      edgesRemoved: 6_000,
      secretEvents: 1,
    },
    workspaces: { added: [], removed: [] },
    resources: {
      added: [],
      removed: [LEDGER, 'platform/secrets::aws_secretsmanager_secret_version.ledger_token'],
      changed: [],
    },
    edges: { added: [], removed: Array.from({ length: 5_000 }, (_, i) => `edge-${i}`) },
    truncated: ['edges.removed'],
    secretEvents: [
      {
        event: 'deleted',
        secret: storedAlert({ id: 'x', changedAt: '2026-11-20T00:00:00.000Z' }).secret,
        recoveryWindowDays: 7,
        consumers: [
          'jobs/ledger::aws_cloudwatch_event_rule.monthly',
          'apps/ledger::aws_lambda_function.post',
        ],
      },
    ],
  },
};
