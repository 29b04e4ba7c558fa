import type { Impact, ImpactResult } from '../src/impact/result-types.js';

/** An irrecoverable scheduled consumer, as analyse-changes would judge it. */
export function sampleImpact(overrides: Partial<Impact> = {}): Impact {
  return {
    id: 'billing/invoices::aws_cloudwatch_event_rule.monthly_invoices',
    workspace: 'billing/invoices',
    address: 'aws_cloudwatch_event_rule.monthly_invoices',
    kind: 'schedule',
    type: 'aws_cloudwatch_event_rule',
    label: 'aws_cloudwatch_event_rule.monthly_invoices',
    severity: 'irrecoverable',
    cause: 'aws_secretsmanager_secret.ledger_token',
    causeId: 'prod/ledger::aws_secretsmanager_secret.ledger_token',
    causeName: 'prod/ledger/token',
    action: 'delete',
    reason: 'first notices after the 30-day recovery window of prod/ledger/token has closed',
    noticedAt: '2027-01-01T03:00:00.000Z',
    noticedBy: {
      kind: 'schedule',
      scheduleId: 'billing/invoices::aws_cloudwatch_event_rule.monthly_invoices',
      expression: 'cron(0 3 1 * ? *)',
      name: 'monthly-invoices',
    },
    window: { endsAt: '2027-01-01T00:00:00.000Z', missedBy: '3 h' },
    distance: 1,
    path: [
      {
        from: 'billing/invoices::aws_cloudwatch_event_rule.monthly_invoices',
        to: 'prod/ledger::aws_secretsmanager_secret.ledger_token',
        kind: 'arn_reference',
        attribute: 'input',
        confidence: 'exact',
      },
    ],
    source: { file: 'configs/billing/invoices/main.tf', line: 42 },
    stateFile: 'states/billing/invoices.tfstate',
    ...overrides,
  };
}

export function sampleResult(impacts: Impact[] = [sampleImpact()]): ImpactResult {
  const bySeverity = { irrecoverable: 0, breaks: 0, degraded: 0, info: 0 };
  for (const i of impacts) bySeverity[i.severity]++;
  return {
    formatVersion: '1.0',
    tool: { name: 'impact', version: '0.1.0' },
    workspace: 'prod/ledger',
    workspaceInferred: true,
    now: '2026-12-02T00:00:00.000Z',
    changes: [
      {
        id: 'prod/ledger::aws_secretsmanager_secret.ledger_token',
        workspace: 'prod/ledger',
        address: 'aws_secretsmanager_secret.ledger_token',
        type: 'aws_secretsmanager_secret',
        actions: ['delete'],
        action: 'delete',
        recoveryWindowDays: 30,
      },
    ],
    impacts,
    summary: {
      changes: 1,
      impacted: impacts.length,
      bySeverity,
      workspaces: new Set(impacts.map((i) => i.workspace)).size,
      worst:
        (['irrecoverable', 'breaks', 'degraded', 'info'] as const).find((s) => bySeverity[s] > 0) ?? null,
    },
    warnings: [],
    diagnostics: [],
  };
}
