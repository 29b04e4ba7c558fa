import { describe, expect, it } from 'vitest';
import { analysePlans } from '../src/impact/analyse-plan.js';
import { breaches } from '../src/impact/build-result.js';
import { queryImpact } from '../src/impact/query-impact.js';
import { resolveNode } from '../src/impact/resolve-node.js';
import type { ImpactResult } from '../src/impact/result-types.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import { ACCOUNT, makeEstate, SECRET_ARN, type TestWorkspace } from './make-estate.js';

const secret = (window: number): TestWorkspace => ({
  name: 'platform/secrets',
  backend: 's3://b/platform.tfstate',
  resources: [
    {
      address: 'aws_secretsmanager_secret.db',
      attributes: { arn: SECRET_ARN, name: 'prod/orders/db', recovery_window_in_days: window },
    },
  ],
  outputs: { db_secret_arn: { value: SECRET_ARN } },
});

const consumers: TestWorkspace = {
  name: 'apps/api',
  resources: [
    {
      address: 'aws_ecs_task_definition.api',
      attributes: {
        arn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/api:1`,
        container_definitions: JSON.stringify([{ secrets: [{ valueFrom: SECRET_ARN }] }]),
      },
    },
    { address: 'data.aws_secretsmanager_secret.db', attributes: { name: 'prod/orders/db' } },
    {
      address: 'aws_iam_policy.read',
      attributes: {
        policy: JSON.stringify({
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: `arn:aws:secretsmanager:*:${ACCOUNT}:secret:prod/*` },
          ],
        }),
      },
    },
    {
      address: 'data.terraform_remote_state.platform',
      attributes: {
        backend: 's3',
        config: { value: { bucket: 'b', key: 'platform.tfstate' }, type: 'x' },
        outputs: { value: { db_secret_arn: SECRET_ARN }, type: 'x' },
      },
    },
    {
      address: 'aws_ssm_parameter.copy',
      attributes: { name: 'copy', value: 'x' },
      dependencies: ['data.terraform_remote_state.platform'],
    },
  ],
};

const monthly: TestWorkspace = {
  name: 'batch/ledger',
  resources: [
    {
      address: 'aws_batch_job_definition.export',
      attributes: {
        arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/export:1`,
        container_properties: JSON.stringify({
          secrets: [{ valueFrom: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/orders/db` }],
        }),
      },
    },
    {
      address: 'aws_cloudwatch_event_rule.monthly',
      attributes: { name: 'monthly', schedule_expression: 'cron(0 3 1 * ? *)' },
    },
    {
      address: 'aws_cloudwatch_event_target.t',
      attributes: { rule: 'monthly', arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/export:1` },
    },
    {
      address: 'aws_cloudwatch_event_rule.weekly',
      attributes: { name: 'weekly', schedule_expression: 'rate(7 days)' },
    },
  ],
};

const NOW = new Date('2026-12-02T00:00:00Z');
const SECRET_ID = 'platform/secrets::aws_secretsmanager_secret.db';

function severities(result: ImpactResult): string[] {
  return result.impacts.map((i) => `${i.id} ${i.severity} ${i.noticedBy.kind} ${i.noticedAt ?? '-'}`).sort();
}

describe('impact of deleting a secret', () => {
  it('is irrecoverable for a monthly job that first runs after the recovery window', async () => {
    const built = await makeEstate([secret(7), consumers, monthly]);
    const result = queryImpact(built.graph, SECRET_ID, { action: 'delete', now: NOW });
    expect(severities(result)).toEqual([
      'apps/api::aws_ecs_task_definition.api breaks runtime 2026-12-02T00:00:00.000Z',
      'apps/api::aws_iam_policy.read info next-apply -',
      // It depends on the remote state, but holds none of its values: which output it reads is a guess.
      'apps/api::aws_ssm_parameter.copy degraded next-apply -',
      'apps/api::data.aws_secretsmanager_secret.db breaks next-apply -',
      'apps/api::data.terraform_remote_state.platform info next-apply -',
      'batch/ledger::aws_batch_job_definition.export irrecoverable schedule 2027-01-01T03:00:00.000Z',
      'batch/ledger::aws_cloudwatch_event_rule.monthly irrecoverable schedule 2027-01-01T03:00:00.000Z',
      'batch/ledger::aws_cloudwatch_event_target.t degraded schedule 2027-01-01T03:00:00.000Z',
      'platform/secrets::output.db_secret_arn info same-apply 2026-12-02T00:00:00.000Z',
    ]);
    const job = result.impacts.find((i) => i.id === 'batch/ledger::aws_batch_job_definition.export');
    expect(job?.window).toEqual({ endsAt: '2026-12-09T00:00:00.000Z', missedBy: '23 d 3 h' });
    expect(job?.path.map((s) => `${s.kind}:${s.confidence}`)).toEqual(['arn_reference:arn_without_suffix']);
    expect(result.summary.worst).toBe('irrecoverable');
  });

  it('is irrecoverable for every consumer with a zero recovery window', async () => {
    const built = await makeEstate([secret(0), consumers]);
    const result = queryImpact(built.graph, SECRET_ID, { action: 'delete', now: NOW });
    const ecs = result.impacts.find((i) => i.id === 'apps/api::aws_ecs_task_definition.api');
    expect(ecs?.severity).toBe('irrecoverable');
    expect(result.impacts.find((i) => i.id === 'apps/api::aws_iam_policy.read')?.severity).toBe('info');
  });

  it('is within the window for a monthly job when the window is 30 days and the run is sooner', async () => {
    const built = await makeEstate([secret(30), monthly]);
    const now = new Date('2026-12-05T00:00:00Z');
    const result = queryImpact(built.graph, SECRET_ID, { action: 'delete', now });
    const job = result.impacts.find((i) => i.id === 'batch/ledger::aws_batch_job_definition.export');
    expect(job?.severity).toBe('breaks');
    expect(job?.window?.marginBefore).toBe('2 d 21 h');
    // Three days earlier the same job first runs 3 h after the window closes.
    const early = queryImpact(built.graph, SECRET_ID, { action: 'delete', now: NOW });
    expect(early.impacts.find((i) => i.id === job?.id)?.window?.missedBy).toBe('3 h');
  });
});

describe('a short list of impacts', () => {
  it('lists the worst first and still counts every analysed impact in the summary', async () => {
    const built = await makeEstate([secret(7), consumers, monthly]);
    const full = queryImpact(built.graph, SECRET_ID, { action: 'delete', now: NOW });
    const short = queryImpact(built.graph, SECRET_ID, { action: 'delete', now: NOW, list: 2 });
    expect(short.impacts.map((i) => i.severity)).toEqual(['irrecoverable', 'irrecoverable']);
    expect(short.impacts).toEqual(full.impacts.slice(0, 2));
    expect(short.summary).toEqual(full.summary);
    expect(short.truncated).toEqual({ impacts: full.impacts.length - 2 });
    expect(breaches(short, 'degraded')).toBe(true);
    // An analysis limit cuts closest-first: what it leaves out is not in the summary.
    const cut = queryImpact(built.graph, SECRET_ID, { action: 'delete', now: NOW, limit: 3, list: 1 });
    expect(cut.summary.impacted).toBe(3);
    // Past the limit the search stops expanding: what it had already found is counted, at least.
    const unanalysed = cut.truncated?.unanalysed ?? 0;
    expect(unanalysed).toBeGreaterThan(0);
    expect(unanalysed).toBeLessThanOrEqual(full.impacts.length - 3);
    expect(cut.truncated?.impacts).toBe(2 + unanalysed);
  });
});

describe('grants', () => {
  it('are affected by what they grant on, and nothing is affected through them', async () => {
    const withGrant: TestWorkspace = {
      ...monthly,
      resources: [
        ...monthly.resources,
        {
          address: 'aws_iam_role_policy.submit',
          attributes: {
            policy: JSON.stringify({
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'batch:SubmitJob',
                  Resource: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/export:1`,
                },
              ],
            }),
          },
        },
      ],
    };
    const built = await makeEstate([secret(7), consumers, withGrant]);
    const result = queryImpact(built.graph, SECRET_ID, { action: 'delete', now: NOW });
    expect(result.impacts.map((i) => i.id)).not.toContain('batch/ledger::aws_iam_role_policy.submit');
    expect(result.impacts.find((i) => i.id === 'apps/api::aws_iam_policy.read')?.distance).toBe(1);
  });
});

describe('impact of replacing a secret', () => {
  it('breaks consumers holding the exact ARN, not those that find it by name', async () => {
    const built = await makeEstate([secret(7), consumers, monthly]);
    const result = queryImpact(built.graph, SECRET_ID, { action: 'replace', now: NOW });
    const by = Object.fromEntries(result.impacts.map((i) => [i.id, i.severity]));
    expect(by['apps/api::aws_ecs_task_definition.api']).toBe('breaks');
    expect(by['apps/api::data.aws_secretsmanager_secret.db']).toBe('info');
    expect(by['batch/ledger::aws_batch_job_definition.export']).toBe('info');
    expect(result.changes[0]?.actions).toEqual(['delete', 'create']);
  });
});

describe('plans', () => {
  const plan = (changes: unknown[], outputs: Record<string, unknown> = {}, prior?: unknown) =>
    readTerraformJson(
      new TextEncoder().encode(
        JSON.stringify({
          format_version: '1.2',
          terraform_version: '1.9.8',
          resource_changes: changes,
          output_changes: outputs,
          prior_state: prior,
          unknown_future_field: { ignored: true },
        }),
      ),
      'plan.json',
      [],
    );

  it('treats delete,create as replace, reads output removals and infers the workspace', async () => {
    const built = await makeEstate([secret(7), consumers]);
    const doc = plan(
      [
        {
          address: 'aws_secretsmanager_secret.db',
          mode: 'managed',
          type: 'aws_secretsmanager_secret',
          name: 'db',
          change: {
            actions: ['delete', 'create'],
            before: { arn: SECRET_ARN, name: 'prod/orders/db' },
            after: { name: 'prod/orders/db2' },
          },
        },
      ],
      { db_secret_arn: { actions: ['delete'] } },
      {
        format_version: '1.0',
        values: {
          root_module: {
            resources: [
              {
                address: 'aws_secretsmanager_secret.db',
                mode: 'managed',
                type: 'aws_secretsmanager_secret',
                name: 'db',
                values: { arn: SECRET_ARN },
              },
            ],
          },
        },
      },
    );
    if (doc.kind !== 'plan') throw new Error('plan did not ingest');
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW });
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    const { result } = analysis;
    expect(result.workspace).toBe('platform/secrets');
    expect(result.workspaceInferred).toBe(true);
    expect(result.changes.map((c) => `${c.address} ${c.action}`)).toEqual([
      'aws_secretsmanager_secret.db replace',
      'output.db_secret_arn remove_output',
    ]);
    expect(result.changes[0]?.detail).toBe('name prod/orders/db → prod/orders/db2');
    // Renamed: consumers by name break too.
    expect(result.impacts.find((i) => i.id === 'apps/api::data.aws_secretsmanager_secret.db')?.severity).toBe(
      'breaks',
    );
  });

  it('flags re-creating a deleted name inside its recovery window', async () => {
    const built = await makeEstate([secret(7)]);
    const doc = plan([
      {
        address: 'aws_secretsmanager_secret.db',
        type: 'aws_secretsmanager_secret',
        change: { actions: ['delete'], before: { name: 'prod/orders/db', recovery_window_in_days: 7 } },
      },
      {
        address: 'aws_secretsmanager_secret.db2',
        type: 'aws_secretsmanager_secret',
        change: { actions: ['create'], after: { name: 'prod/orders/db' } },
      },
    ]);
    if (doc.kind !== 'plan') throw new Error('plan did not ingest');
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW, workspace: 'platform/secrets' });
    expect(analysis.ok && analysis.result.warnings.map((w) => w.code)).toEqual(['name-reuse-blocked']);
  });

  it('refuses an unknown major format version with the reason', () => {
    const d: { message: string; file?: string }[] = [];
    const doc = readTerraformJson(
      new TextEncoder().encode('{"format_version":"2.0","planned_values":{}}'),
      'p.json',
      d as never,
    );
    expect(doc.kind).toBe('invalid');
    expect(d[0]?.message).toContain('format_version 2.0 is not supported');
  });

  it('says a plan that changes nothing breaks nothing, and fails clearly when there is nothing to go by', async () => {
    const built = await makeEstate([secret(7)]);
    const doc = plan([]);
    if (doc.kind !== 'plan') throw new Error('plan did not ingest');
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW });
    expect(analysis.ok && analysis.result.diagnostics.map((d) => d.code)).toEqual(['plan.no-changes']);
    // An output removed by a plan with no prior state: whose output it is cannot be known.
    const removal = readTerraformJson(
      new TextEncoder().encode(
        JSON.stringify({
          format_version: '1.2',
          resource_changes: [],
          output_changes: { x: { actions: ['delete'] } },
        }),
      ),
      'plan.json',
      [],
    );
    if (removal.kind !== 'plan') throw new Error('plan did not ingest');
    const refused = analysePlans(built.graph, [removal.plan], { now: NOW });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.diagnostics[0]?.message).toContain('pass --workspace');
  });
});

describe('resolveNode', () => {
  it('takes a node id, a secret name or an ARN with or without its suffix', async () => {
    const built = await makeEstate([secret(7), consumers]);
    for (const q of [SECRET_ID, 'prod/orders/db', SECRET_ARN, SECRET_ARN.replace(/-AbC123$/, '')]) {
      expect(resolveNode(built.graph, q)).toEqual({ ok: true, id: SECRET_ID });
    }
    expect(resolveNode(built.graph, 'nope').ok).toBe(false);
  });

  it('finds what people type: an address, its last part, a piece of a name; narrows by workspace; offers near misses', async () => {
    const built = await makeEstate([secret(7), consumers]);
    for (const q of ['aws_secretsmanager_secret.db', 'orders/db', 'ORDERS/DB'])
      expect(resolveNode(built.graph, q)).toEqual({ ok: true, id: SECRET_ID });
    expect(resolveNode(built.graph, 'api')).toEqual({
      ok: true,
      id: 'apps/api::aws_ecs_task_definition.api',
    });
    expect(resolveNode(built.graph, 'aws_ecs_task_definition.api')).toEqual({
      ok: true,
      id: 'apps/api::aws_ecs_task_definition.api',
    });
    // `db` is the last part of the secret's address and of a data source's: the secret wins.
    expect(resolveNode(built.graph, 'db')).toEqual({ ok: true, id: SECRET_ID });
    expect(resolveNode(built.graph, 'db', { workspace: 'apps/api' })).toEqual({
      ok: true,
      id: 'apps/api::data.aws_secretsmanager_secret.db',
    });
    const twice = await makeEstate([
      secret(7),
      { ...secret(7), name: 'dr/secrets', backend: 's3://b/dr.tfstate' },
    ]);
    const both = resolveNode(twice.graph, 'prod/orders/db');
    expect(both).toMatchObject({
      ok: false,
      candidates: [SECRET_ID.replace('platform/secrets', 'dr/secrets'), SECRET_ID],
    });
    expect(!both.ok && both.reason).toContain('narrow it with --workspace');
    expect(resolveNode(twice.graph, 'prod/orders/db', { workspace: 'platform/secrets' })).toEqual({
      ok: true,
      id: SECRET_ID,
    });
    const miss = resolveNode(built.graph, 'prod/orders/bd');
    expect(miss.ok).toBe(false);
    expect(!miss.ok && miss.reason).toContain('did you mean "prod/orders/db"');
  });
});
