import { describe, expect, it } from 'vitest';
import { analysePlans } from '../src/impact/analyse-plan.js';
import { breaches } from '../src/impact/build-result.js';
import { queryImpact } from '../src/impact/query-impact.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import { evaluateRules } from '../src/rules/evaluate-rules.js';
import { edgeLines, makeEstate, type TestResource, type TestWorkspace } from './make-estate.js';

const NOW = new Date('2026-12-02T00:00:00Z');
const DEV = '111111111111';
const PROD = '222222222222';
const secretArn = (account: string, region = 'eu-west-1', suffix = 'AbC123') =>
  `arn:aws:secretsmanager:${region}:${account}:secret:app/db-${suffix}`;

/** One module deployed in an account and region: a secret `app/db`, a parameter `/app/key`. */
function platform(account: string, region = 'eu-west-1', extra: TestResource[] = []): TestWorkspace {
  return {
    name: `${account}/${region}/platform`,
    resources: [
      {
        address: 'aws_secretsmanager_secret.db',
        attributes: { arn: secretArn(account, region), name: 'app/db', recovery_window_in_days: 7 },
      },
      {
        address: 'aws_ssm_parameter.key',
        attributes: {
          arn: `arn:aws:ssm:${region}:${account}:parameter/app/key`,
          name: '/app/key',
          type: 'SecureString',
          value: 'CANARY-scope-1',
        },
        sensitive: ['value'],
      },
      ...extra,
    ],
  };
}

/** A consumer app in an account and region: a Lambda reading `app/db` and `/app/key` by name. */
function app(account: string, region = 'eu-west-1', env: Record<string, string> = {}): TestWorkspace {
  return {
    name: `${account}/${region}/app`,
    resources: [
      {
        address: 'aws_lambda_function.api',
        attributes: {
          arn: `arn:aws:lambda:${region}:${account}:function:api`,
          function_name: 'api',
          environment: [{ variables: { DB_SECRET: 'app/db', API_KEY: '/app/key', ...env } }],
        },
      },
    ],
  };
}

describe('names resolve in the consumer’s account and region', () => {
  it('links a name only to the producer of its own account and region', async () => {
    const built = await makeEstate([
      platform(DEV),
      platform(PROD),
      platform(PROD, 'us-east-1'),
      app(DEV),
      app(PROD),
      app(PROD, 'us-east-1'),
    ]);
    expect(edgeLines(built, (l) => l.includes('aws_lambda_function'))).toEqual([
      '111111111111/eu-west-1/app::aws_lambda_function.api -arn_reference(name)-> 111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
      '111111111111/eu-west-1/app::aws_lambda_function.api -arn_reference(name)-> 111111111111/eu-west-1/platform::aws_ssm_parameter.key',
      '222222222222/eu-west-1/app::aws_lambda_function.api -arn_reference(name)-> 222222222222/eu-west-1/platform::aws_secretsmanager_secret.db',
      '222222222222/eu-west-1/app::aws_lambda_function.api -arn_reference(name)-> 222222222222/eu-west-1/platform::aws_ssm_parameter.key',
      '222222222222/us-east-1/app::aws_lambda_function.api -arn_reference(name)-> 222222222222/us-east-1/platform::aws_secretsmanager_secret.db',
      '222222222222/us-east-1/app::aws_lambda_function.api -arn_reference(name)-> 222222222222/us-east-1/platform::aws_ssm_parameter.key',
    ]);
    // Deleting dev's secret impacts dev's consumer only.
    const result = queryImpact(built.graph, '111111111111/eu-west-1/platform::aws_secretsmanager_secret.db', {
      action: 'delete',
      now: NOW,
    });
    expect(result.impacts.map((i) => i.id)).toEqual(['111111111111/eu-west-1/app::aws_lambda_function.api']);
  });

  it('does not scan a resource’s own name: same-named secrets in other accounts are not its consumers', async () => {
    const built = await makeEstate([platform(DEV), platform(PROD)]);
    expect(edgeLines(built)).toEqual([]);
  });

  it('links a full ARN exactly across accounts, and says so', async () => {
    const reader = app(PROD, 'eu-west-1', { DEV_DB: secretArn(DEV) });
    const built = await makeEstate([platform(DEV), platform(PROD), reader]);
    const lines = edgeLines(built, (l) => l.includes('-> 111111111111'));
    expect(lines).toEqual([
      '222222222222/eu-west-1/app::aws_lambda_function.api -arn_reference(exact)-> 111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
    ]);
    const [edge] = built.graph.edges(
      '222222222222/eu-west-1/app::aws_lambda_function.api',
      '111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
    );
    expect(built.graph.getEdgeAttribute(edge as string, 'evidence')).toContain("another account's full ARN");
  });

  it('follows an ARN without its suffix into another account only when the secret’s policy lets that account in', async () => {
    const partial = `arn:aws:secretsmanager:eu-west-1:${DEV}:secret:app/db`;
    const policy = (principal: string): TestResource => ({
      address: 'aws_secretsmanager_secret_policy.db',
      attributes: {
        secret_arn: secretArn(DEV),
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: principal },
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
            },
          ],
        }),
      },
    });
    const reader = app(PROD, 'eu-west-1', { DEV_DB: partial });
    const closed = await makeEstate([platform(DEV), reader]);
    expect(edgeLines(closed, (l) => l.includes('-> 111111111111'))).toEqual([]);
    // prod's app also names app/db and /app/key, which exist only in dev here: three refs out of scope.
    expect(closed.stats.unresolved.out_of_scope).toBe(3);
    expect(
      closed.graph.getNodeAttribute('222222222222/eu-west-1/app::aws_lambda_function.api', 'unresolvedRefs'),
    ).toContain(partial);
    const open = await makeEstate([
      platform(DEV, 'eu-west-1', [policy(`arn:aws:iam::${PROD}:root`)]),
      reader,
    ]);
    expect(edgeLines(open, (l) => l.includes('app::') && l.includes('-> 111111111111'))).toEqual([
      '222222222222/eu-west-1/app::aws_lambda_function.api -arn_reference(arn_without_suffix)-> 111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
    ]);
  });

  it('reaches another account’s secrets by a wildcard pattern only through that secret’s policy', async () => {
    const role: TestWorkspace = {
      name: 'prod/roles',
      resources: [
        {
          address: 'aws_iam_policy.read',
          attributes: {
            arn: `arn:aws:iam::${PROD}:policy/read`,
            policy: JSON.stringify({
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'secretsmanager:*',
                  Resource: 'arn:aws:secretsmanager:*:*:secret:app/*',
                },
              ],
            }),
          },
        },
      ],
    };
    const built = await makeEstate([platform(DEV), platform(PROD), role]);
    expect(edgeLines(built, (l) => l.includes('iam_grant'))).toEqual([
      'prod/roles::aws_iam_policy.read -iam_grant(wildcard)-> 222222222222/eu-west-1/platform::aws_secretsmanager_secret.db',
    ]);
  });

  it('calls a name ambiguous when the consumer’s scope is unknown, and does not fail --fail-on breaks for it', async () => {
    // A workspace with no ARNs and no manifest hints: its account and region are unknown.
    const unknown: TestWorkspace = {
      name: 'k8s/app',
      resources: [{ address: 'data.aws_secretsmanager_secret.db', attributes: { name: 'app/db' } }],
    };
    const built = await makeEstate([platform(DEV), platform(PROD), unknown]);
    expect(edgeLines(built, (l) => l.startsWith('k8s/app'))).toEqual([
      'k8s/app::data.aws_secretsmanager_secret.db -lookup(ambiguous)-> 111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
      'k8s/app::data.aws_secretsmanager_secret.db -lookup(ambiguous)-> 222222222222/eu-west-1/platform::aws_secretsmanager_secret.db',
    ]);
    const [edge] = built.graph.edges(
      'k8s/app::data.aws_secretsmanager_secret.db',
      '111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
    );
    expect(built.graph.getEdgeAttribute(edge as string, 'candidates')).toHaveLength(2);
    const result = queryImpact(built.graph, '111111111111/eu-west-1/platform::aws_secretsmanager_secret.db', {
      action: 'delete',
      now: NOW,
    });
    expect(result.impacts).toHaveLength(1);
    expect(result.impacts[0]).toMatchObject({ severity: 'breaks', confidence: 'ambiguous' });
    expect(result.impacts[0]?.reason).toContain('ambiguous');
    expect(result.summary).toMatchObject({ doubtful: 1, failing: { breaks: 0, degraded: 1 } });
    expect(breaches(result, 'breaks')).toBe(false);
    expect(breaches(result, 'degraded')).toBe(true);
    // The manifest's account and region settle it.
    const hinted = await makeEstate([
      platform(DEV),
      platform(PROD),
      { ...unknown, account: PROD, region: 'eu-west-1' },
    ]);
    expect(edgeLines(hinted, (l) => l.startsWith('k8s/app'))).toEqual([
      'k8s/app::data.aws_secretsmanager_secret.db -lookup(name)-> 222222222222/eu-west-1/platform::aws_secretsmanager_secret.db',
    ]);
  });

  it('takes a workspace’s scope from its caller identity and region data sources', async () => {
    const k8s: TestWorkspace = {
      name: 'k8s/app',
      resources: [
        { address: 'data.aws_caller_identity.me', attributes: { account_id: PROD, id: PROD } },
        { address: 'data.aws_region.here', attributes: { name: 'eu-west-1', id: 'eu-west-1' } },
        { address: 'data.aws_ssm_parameter.key', attributes: { name: '/app/key' } },
      ],
    };
    const built = await makeEstate([platform(DEV), platform(PROD), k8s]);
    expect(edgeLines(built, (l) => l.startsWith('k8s/app'))).toEqual([
      'k8s/app::data.aws_ssm_parameter.key -lookup(name)-> 222222222222/eu-west-1/platform::aws_ssm_parameter.key',
    ]);
    expect(built.graph.getNodeAttributes('k8s/app::data.aws_ssm_parameter.key')).toMatchObject({
      account: PROD,
      region: 'eu-west-1',
      scopeFrom: 'workspace',
    });
  });

  it('links a lookup by the ARN its state recorded, and nothing else', async () => {
    const reader: TestWorkspace = {
      name: 'dev/reader',
      resources: [
        { address: 'aws_sqs_queue.q', attributes: { arn: `arn:aws:sqs:eu-west-1:${DEV}:q`, name: 'q' } },
        // Looked up by name in dev, but the state says it found prod's (a provider alias elsewhere).
        {
          address: 'data.aws_secretsmanager_secret.db',
          attributes: { name: 'app/db', arn: secretArn(PROD) },
        },
      ],
    };
    const built = await makeEstate([platform(DEV), platform(PROD), reader]);
    expect(edgeLines(built, (l) => l.startsWith('dev/reader'))).toEqual([
      'dev/reader::data.aws_secretsmanager_secret.db -lookup(exact)-> 222222222222/eu-west-1/platform::aws_secretsmanager_secret.db',
    ]);
  });

  it('never links by a redacted identity, and says the node is known by its address alone', async () => {
    const redacted: TestWorkspace = {
      name: 'dev/sensitive',
      resources: [
        {
          address: 'aws_ssm_parameter.hidden',
          attributes: {
            arn: `arn:aws:ssm:eu-west-1:${DEV}:parameter/hidden`,
            name: 'x',
            value: 'CANARY-scope-2',
          },
          sensitive: ['name', 'value'],
        },
        {
          address: 'aws_lambda_function.other',
          attributes: {
            arn: `arn:aws:lambda:eu-west-1:${DEV}:function:other`,
            function_name: 'other',
            environment: [{ variables: { TOKEN: 'CANARY-scope-3' } }],
          },
          sensitive: ['environment'],
        },
      ],
    };
    const built = await makeEstate([platform(DEV), redacted]);
    expect(edgeLines(built, (l) => l.includes('dev/sensitive'))).toEqual([]);
    expect(built.graph.getNodeAttributes('dev/sensitive::aws_ssm_parameter.hidden')).toMatchObject({
      identityRedacted: ['name'],
    });
    expect(built.graph.getNodeAttribute('dev/sensitive::aws_ssm_parameter.hidden', 'name')).toBeUndefined();
  });

  it('counts a reader of an output its producer does not have, with a diagnostic', async () => {
    const producer: TestWorkspace = {
      ...platform(DEV),
      backend: 's3://b/platform.tfstate',
      outputs: { db_arn: { value: secretArn(DEV) } },
    };
    const reader: TestWorkspace = {
      name: 'dev/app',
      resources: [
        {
          address: 'data.terraform_remote_state.platform',
          attributes: {
            backend: 's3',
            config: { value: { bucket: 'b', key: 'platform.tfstate' }, type: 'x' },
            outputs: {
              value: { db_arn: secretArn(DEV), gone: 'arn:aws:sqs:eu-west-1:111111111111:gone' },
              type: 'x',
            },
          },
        },
      ],
    };
    const built = await makeEstate([producer, reader]);
    expect(built.stats.unresolved.missing_output).toBe(1);
    expect(built.diagnostics.find((d) => d.code === 'link.missing-output')?.message).toContain('output.gone');
  });
});

describe('remote-state readers without HCL', () => {
  const producer: TestWorkspace = {
    ...platform(DEV),
    backend: 's3://b/platform.tfstate',
    outputs: {
      db_arn: { value: secretArn(DEV) },
      key_name: { value: '/app/key' },
      enabled: { value: 'true' },
    },
  };
  const reader: TestResource = {
    address: 'data.terraform_remote_state.platform',
    attributes: {
      backend: 's3',
      config: { value: { bucket: 'b', key: 'platform.tfstate' }, type: 'x' },
      outputs: { value: { db_arn: secretArn(DEV), key_name: '/app/key', enabled: 'true' }, type: 'x' },
    },
  };
  const consumer: TestWorkspace = {
    name: 'dev/app',
    resources: [
      reader,
      {
        address: 'aws_ecs_task_definition.api',
        attributes: {
          arn: `arn:aws:ecs:eu-west-1:${DEV}:task-definition/api:1`,
          container_definitions: JSON.stringify([
            { secrets: [{ valueFrom: `${secretArn(DEV)}:password::` }] },
          ]),
        },
        dependencies: ['data.terraform_remote_state.platform'],
      },
      {
        address: 'aws_sqs_queue.unrelated',
        attributes: { arn: `arn:aws:sqs:eu-west-1:${DEV}:q`, name: 'q', fifo_queue: 'true' },
        dependencies: ['data.terraform_remote_state.platform'],
      },
    ],
  };

  it('link a resource to the outputs whose values it holds, and the rest as a guess', async () => {
    const built = await makeEstate([producer, consumer]);
    expect(edgeLines(built, (l) => l.startsWith('dev/app::aws_'))).toEqual([
      'dev/app::aws_ecs_task_definition.api -arn_reference(exact)-> 111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
      'dev/app::aws_ecs_task_definition.api -reads_output(exact)-> 111111111111/eu-west-1/platform::output.db_arn',
      'dev/app::aws_sqs_queue.unrelated -depends_on(guess)-> dev/app::data.terraform_remote_state.platform',
    ]);
  });

  it('break only the readers of a removed output; a guess is at most degraded', async () => {
    const built = await makeEstate([producer, consumer]);
    const plan = {
      format_version: '1.2',
      prior_state: { format_version: '1.0', values: { root_module: { resources: [] } } },
      resource_changes: [],
      output_changes: { key_name: { actions: ['delete'], before: '/app/key', after: null } },
    };
    const doc = readTerraformJson(new TextEncoder().encode(JSON.stringify(plan)), 'plan.json', []);
    if (doc.kind !== 'plan') throw new Error('not a plan');
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW, workspace: producer.name });
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    const lines = analysis.result.impacts.map(
      (i) => `${i.severity} ${i.id}${i.confidence ? ` ${i.confidence}` : ''}`,
    );
    expect(lines.sort()).toEqual([
      'degraded dev/app::aws_sqs_queue.unrelated guess',
      'info dev/app::data.terraform_remote_state.platform',
    ]);
  });
});

describe('the producer’s own workspace', () => {
  it('breaks a literal holder the plan leaves alone; a deleted parameter is gone at once', async () => {
    const holder: TestResource = {
      address: 'aws_lambda_function.job',
      attributes: {
        arn: `arn:aws:lambda:eu-west-1:${DEV}:function:job`,
        function_name: 'job',
        environment: [{ variables: { KEY: '/app/key' } }],
      },
    };
    const built = await makeEstate([platform(DEV, 'eu-west-1', [holder])]);
    const ws = '111111111111/eu-west-1/platform';
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_ssm_parameter.key',
          mode: 'managed',
          type: 'aws_ssm_parameter',
          name: 'key',
          change: { actions: ['delete'], before: { name: '/app/key' }, after: null },
        },
        {
          address: 'aws_lambda_function.job',
          mode: 'managed',
          type: 'aws_lambda_function',
          name: 'job',
          change: { actions: ['no-op'], before: {}, after: {} },
        },
      ],
    };
    const doc = readTerraformJson(new TextEncoder().encode(JSON.stringify(plan)), 'plan.json', []);
    if (doc.kind !== 'plan') throw new Error('not a plan');
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW, workspace: ws });
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    expect(analysis.result.impacts.map((i) => [i.id, i.severity, i.noticedBy.kind])).toEqual([
      [`${ws}::aws_lambda_function.job`, 'irrecoverable', 'runtime'],
    ]);
    expect(analysis.result.impacts[0]?.reason).toContain('no recovery window');
  });
});

describe('findings in scope', () => {
  it('count a secret’s consumers in its own account: one per account is no multi-consumer', async () => {
    const built = await makeEstate([
      platform(DEV),
      platform(PROD),
      app(DEV),
      { ...app(PROD), name: 'prod/app-a' },
      { ...app(DEV), name: 'dev/app-b' },
    ]);
    const findings = evaluateRules(built.graph, { now: NOW }).filter((f) => f.rule === 'multi-consumer');
    // dev's secret and parameter have two consuming workspaces in dev; prod's only one.
    expect(findings.map((f) => f.id).sort()).toEqual([
      '111111111111/eu-west-1/platform::aws_secretsmanager_secret.db',
      '111111111111/eu-west-1/platform::aws_ssm_parameter.key',
    ]);
  });
});

describe('a plan of a workspace the estate does not know', () => {
  it('finds consumers that named its secrets by full ARN or in an ECS valueFrom', async () => {
    const NEW = '310000000007';
    const task: TestWorkspace = {
      name: 'new/app',
      resources: [
        {
          address: 'aws_ecs_task_definition.api',
          attributes: {
            arn: `arn:aws:ecs:eu-west-1:${NEW}:task-definition/api:1`,
            container_definitions: JSON.stringify([
              { secrets: [{ name: 'KEY', valueFrom: '/app/api-key' }] },
            ]),
          },
        },
      ],
    };
    const built = await makeEstate([platform(DEV), task]);
    expect(built.stats.unresolved.unknown_name).toBe(1);
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_ssm_parameter.key',
          mode: 'managed',
          type: 'aws_ssm_parameter',
          name: 'key',
          change: {
            actions: ['delete'],
            before: { arn: `arn:aws:ssm:eu-west-1:${NEW}:parameter/app/api-key`, name: '/app/api-key' },
            after: null,
          },
        },
      ],
    };
    const doc = readTerraformJson(new TextEncoder().encode(JSON.stringify(plan)), 'new-platform.json', []);
    if (doc.kind !== 'plan') throw new Error('not a plan');
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW });
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    expect(analysis.result.impacts.map((i) => [i.id, i.severity])).toEqual([
      ['new/app::aws_ecs_task_definition.api', 'irrecoverable'],
    ]);
    expect(analysis.result.workspace).toBe('new-platform');
  });
});
