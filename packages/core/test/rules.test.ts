import { describe, expect, it, vi } from 'vitest';
import { evaluateRules } from '../src/rules/evaluate-rules.js';
import { ACCOUNT, makeEstate, type TestWorkspace } from './make-estate.js';

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${name}-Ab12Cd`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`;

const producer: TestWorkspace = {
  name: 'platform',
  resources: [
    { address: 'aws_kms_key.k', attributes: { arn: KEY, key_id: 'k1' } },
    // rotated, CMK, consumed by two workspaces, 30-day window
    {
      address: 'aws_secretsmanager_secret.good',
      attributes: { arn: arn('good'), name: 'good', kms_key_id: KEY, recovery_window_in_days: 30 },
    },
    {
      address: 'aws_secretsmanager_secret_rotation.good',
      attributes: {
        secret_id: arn('good'),
        rotation_lambda_arn: 'arn:aws:lambda:eu-west-1:1:function:r',
        rotate_immediately: true,
      },
    },
    {
      address: 'aws_secretsmanager_secret_version.good',
      attributes: { secret_id: arn('good'), secret_string_wo_version: 1, secret_string: '' },
    },
    // window 0, default key, no rotation, value in state, consumed monthly
    {
      address: 'aws_secretsmanager_secret.zero',
      attributes: { arn: arn('zero'), name: 'zero', recovery_window_in_days: 0 },
    },
    {
      address: 'aws_secretsmanager_secret_version.zero',
      attributes: { secret_id: arn('zero'), secret_string: 'CANARY-r1' },
    },
    {
      address: 'aws_secretsmanager_secret.weekly',
      attributes: { arn: arn('weekly'), name: 'weekly', kms_key_id: KEY, recovery_window_in_days: 7 },
    },
    {
      address: 'aws_secretsmanager_secret_version.weekly',
      attributes: { secret_id: arn('weekly'), secret_string: 'CANARY-r1' },
    },
    {
      address: 'aws_secretsmanager_secret_rotation.weekly',
      attributes: { secret_id: arn('weekly'), rotate_immediately: false },
    },
    {
      address: 'aws_secretsmanager_secret_policy.weekly',
      attributes: {
        secret_arn: arn('weekly'),
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '999999999999' },
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
            },
          ],
        }),
      },
    },
    {
      address: 'aws_secretsmanager_secret.unused',
      attributes: { arn: arn('unused'), name: 'unused', kms_key_id: KEY, recovery_window_in_days: 30 },
    },
    { address: 'aws_secretsmanager_secret_rotation.unused', attributes: { secret_id: arn('unused') } },
  ],
  outputs: { pw: { value: 'CANARY-r2', sensitive: true } },
};

const apps: TestWorkspace = {
  name: 'apps',
  resources: [
    {
      address: 'aws_lambda_function.a',
      attributes: {
        arn: 'arn:aws:lambda:eu-west-1:1:function:a',
        environment: [{ variables: { S: arn('good'), Z: arn('zero'), GONE: arn('gone') } }],
      },
    },
    {
      address: 'aws_iam_policy.scoped',
      attributes: {
        policy: JSON.stringify({
          Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arn('good') }],
        }),
      },
    },
    {
      address: 'aws_iam_policy.broad',
      attributes: {
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:*',
              Resource: `arn:aws:secretsmanager:*:${ACCOUNT}:secret:*`,
            },
          ],
        }),
      },
    },
    {
      address: 'data.aws_secretsmanager_secret_version.x',
      attributes: { secret_id: 'good', secret_string: 'CANARY-r3' },
    },
  ],
};

const jobs: TestWorkspace = {
  name: 'jobs',
  resources: [
    {
      address: 'aws_lambda_function.monthly',
      attributes: {
        arn: 'arn:aws:lambda:eu-west-1:1:function:m',
        environment: [{ variables: { S: arn('weekly') } }],
      },
    },
    {
      address: 'aws_lambda_function.other',
      attributes: {
        arn: 'arn:aws:lambda:eu-west-1:1:function:o',
        environment: [{ variables: { G: 'good' } }],
      },
    },
    {
      address: 'aws_scheduler_schedule.monthly',
      attributes: {
        schedule_expression: 'cron(0 3 1 * ? *)',
        target: [{ arn: 'arn:aws:lambda:eu-west-1:1:function:m' }],
      },
    },
  ],
  hcl: {
    'main.tf': 'resource "aws_secretsmanager_secret_version" "lit" {\n  secret_string = "CANARY-r4"\n}\n',
  },
};

describe('secret hygiene rules', () => {
  it('find each problem once and nothing on the well-kept secret', async () => {
    const built = await makeEstate([
      producer,
      apps,
      {
        ...jobs,
        resources: [
          ...jobs.resources,
          { address: 'aws_secretsmanager_secret_version.lit', attributes: { secret_string: 'CANARY-r4' } },
        ],
      },
    ]);
    const findings = evaluateRules(built.graph, { now: new Date('2026-12-02T00:00:00Z') });
    const lines = findings.map((f) => `${f.rule} ${f.id}`).sort();
    expect(lines).toEqual([
      'consumer-of-missing apps::aws_lambda_function.a',
      'cross-account-access platform::aws_secretsmanager_secret.weekly',
      'multi-consumer platform::aws_secretsmanager_secret.good',
      'no-cmk platform::aws_secretsmanager_secret.zero',
      'no-rotation platform::aws_secretsmanager_secret.zero',
      'recovery-window-vs-schedule platform::aws_secretsmanager_secret.weekly',
      'rotation-not-immediate platform::aws_secretsmanager_secret.weekly',
      'secret-hardcoded jobs::aws_secretsmanager_secret_version.lit',
      'secret-in-state apps::data.aws_secretsmanager_secret_version.x',
      'secret-in-state jobs::aws_secretsmanager_secret_version.lit',
      'secret-in-state platform::aws_secretsmanager_secret_version.weekly',
      'secret-in-state platform::aws_secretsmanager_secret_version.zero',
      'secret-in-state platform::output.pw',
      'shared-value platform::aws_secretsmanager_secret.weekly',
      'unused-secret platform::aws_secretsmanager_secret.unused',
      'wildcard-access apps::aws_iam_policy.broad',
      'zero-recovery-window platform::aws_secretsmanager_secret.zero',
    ]);
    expect(JSON.stringify(findings)).not.toContain('CANARY');
    const gap = findings.find((f) => f.rule === 'recovery-window-vs-schedule');
    expect(gap?.message).toContain('31 days between runs, longer than the 7-day recovery window');
  });

  it('give the same findings for a focus as the whole estate restricted to it', async () => {
    const built = await makeEstate([producer, apps, jobs]);
    const now = new Date('2026-12-02T00:00:00Z');
    const all = evaluateRules(built.graph, { now });
    const focus = new Set([
      'platform::aws_secretsmanager_secret.zero',
      'platform::aws_secretsmanager_secret.weekly',
      'apps::aws_iam_policy.broad',
    ]);
    expect(evaluateRules(built.graph, { now, focus })).toEqual(all.filter((f) => focus.has(f.id)));
  });

  it('can be switched off or made louder per rule', async () => {
    const built = await makeEstate([producer, apps]);
    const findings = evaluateRules(built.graph, {
      now: new Date(),
      levels: { 'no-cmk': 'off', 'unused-secret': 'error' },
    });
    expect(findings.some((f) => f.rule === 'no-cmk')).toBe(false);
    expect(findings.find((f) => f.rule === 'unused-secret')?.severity).toBe('error');
  });
});

/** `n` SSM parameters in one workspace, all holding the same harmless value. */
function sameValueParameters(n: number): TestWorkspace {
  return {
    name: 'params',
    resources: Array.from({ length: n }, (_, i) => ({
      address: `aws_ssm_parameter.p${String(i).padStart(5, '0')}`,
      attributes: {
        arn: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/flags/p${i}`,
        name: `/flags/p${i}`,
        type: 'String',
        value: 'true',
      },
    })),
  };
}

describe('shared-value', () => {
  it('reports a group once, on its first member, naming 20 members and counting the rest', async () => {
    const built = await makeEstate([sameValueParameters(2000)]);
    const findings = evaluateRules(built.graph, { now: new Date(), levels: {} }).filter(
      (f) => f.rule === 'shared-value',
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.id).toBe('params::aws_ssm_parameter.p00000');
    expect(finding?.evidence).toHaveLength(20);
    expect(finding?.evidence[19]).toBe('params::aws_ssm_parameter.p00019');
    expect(finding?.message).toMatch(
      /^2000 secrets hold the same value \(\/flags\/p0, \/flags\/p1, .*\/flags\/p19 and 1980 more\): rotating one leaves the others exposed$/,
    );
  });

  it('sees nodes joined to the graph after a first run, and forgets them once removed', async () => {
    const built = await makeEstate([sameValueParameters(3)]);
    const { graph } = built;
    const shared = () =>
      evaluateRules(graph, { now: new Date(), focus: new Set(['params::aws_ssm_parameter.p00000']) }).find(
        (f) => f.rule === 'shared-value',
      );
    expect(shared()?.evidence).toHaveLength(3);
    // As a plan's analysis does for a workspace the estate does not know, for its time only.
    const joined = 'plan-only::aws_ssm_parameter.q';
    graph.addNode(joined, {
      ...graph.getNodeAttributes('params::aws_ssm_parameter.p00001'),
      workspace: 'plan-only',
    });
    expect(shared()?.evidence).toContain(joined);
    graph.dropNode(joined);
    expect(shared()?.evidence).toEqual([
      'params::aws_ssm_parameter.p00000',
      'params::aws_ssm_parameter.p00001',
      'params::aws_ssm_parameter.p00002',
    ]);
  });

  it('puts the same finding on the first member a plan touches', async () => {
    const built = await makeEstate([producer, apps, jobs]);
    const now = new Date('2026-12-02T00:00:00Z');
    const all = evaluateRules(built.graph, { now }).filter((f) => f.rule === 'shared-value');
    expect(all.map((f) => f.id)).toEqual(['platform::aws_secretsmanager_secret.weekly']);
    const focus = new Set(['platform::aws_secretsmanager_secret.zero']);
    const focused = evaluateRules(built.graph, { now, focus }).filter((f) => f.rule === 'shared-value');
    expect(focused.map((f) => [f.id, f.message, f.evidence])).toEqual(
      all.map((f) => ['platform::aws_secretsmanager_secret.zero', f.message, f.evidence]),
    );
  });
});

describe('rules with a focus', () => {
  it('look at the focused nodes only, never walking the whole estate', async () => {
    const built = await makeEstate([producer, apps, jobs, sameValueParameters(50)]);
    const { graph } = built;
    const now = new Date('2026-12-02T00:00:00Z');
    const all = evaluateRules(graph, { now });
    const focus = new Set([
      'platform::aws_secretsmanager_secret.weekly',
      'platform::output.pw',
      'apps::aws_lambda_function.a',
      'apps::aws_iam_policy.broad',
      'params::aws_ssm_parameter.p00000',
    ]);
    // The one pass a graph needs (the shared-value index) was made by the run above.
    const walks = ['forEachNode', 'filterNodes', 'reduceNodes', 'mapNodes', 'nodes', 'forEachEdge'] as const;
    const spies = walks.map((name) => vi.spyOn(graph, name));
    const focused = evaluateRules(graph, { now, focus });
    expect(spies.map((s) => s.mock.calls.length)).toEqual(walks.map(() => 0));
    for (const s of spies) s.mockRestore();
    const key = (f: { rule: string; id: string; message: string }) => `${f.rule} ${f.id} ${f.message}`;
    expect(focused.map(key).sort()).toEqual(
      all
        .filter((f) => focus.has(f.id))
        .map(key)
        .sort(),
    );
    expect(new Set(focused.map((f) => f.rule))).toEqual(
      new Set([
        'consumer-of-missing',
        'cross-account-access',
        'recovery-window-vs-schedule',
        'rotation-not-immediate',
        'secret-in-state',
        'shared-value',
        'unused-secret',
        'wildcard-access',
      ]),
    );
  });
});
