import { describe, expect, it } from 'vitest';
import { ACCOUNT, edgeLines, makeEstate, SECRET_ARN, type TestWorkspace } from './make-estate.js';

const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/6f1c2a8e-0000-4000-8000-000000000001`;
const PARAM_ARN = `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/prod/payments/webhook`;
const LAMBDA_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rotator`;

const producer: TestWorkspace = {
  name: 'platform/secrets',
  backend: 's3://acme-tfstate/platform/secrets.tfstate',
  resources: [
    {
      address: 'aws_kms_key.secrets',
      attributes: { arn: KEY_ARN, key_id: '6f1c2a8e-0000-4000-8000-000000000001' },
    },
    {
      address: 'aws_secretsmanager_secret.orders_db',
      attributes: {
        arn: SECRET_ARN,
        id: SECRET_ARN,
        name: 'prod/orders/db',
        kms_key_id: KEY_ARN,
        recovery_window_in_days: 7,
        replica: [{ region: 'eu-central-1', kms_key_id: '', status: 'InSync' }],
      },
    },
    {
      address: 'aws_secretsmanager_secret_version.orders_db',
      attributes: { arn: SECRET_ARN, secret_id: SECRET_ARN, secret_string: 'CANARY-test-1' },
      sensitive: ['secret_string'],
      dependencies: ['aws_secretsmanager_secret.orders_db'],
    },
    { address: 'aws_lambda_function.rotator', attributes: { arn: LAMBDA_ARN, function_name: 'rotator' } },
    {
      address: 'aws_secretsmanager_secret_rotation.orders_db',
      attributes: {
        secret_id: SECRET_ARN,
        rotation_lambda_arn: LAMBDA_ARN,
        rotation_rules: [{ automatically_after_days: 30 }],
        rotate_immediately: true,
      },
    },
    {
      address: 'aws_secretsmanager_secret_policy.orders_db',
      attributes: {
        secret_arn: SECRET_ARN,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999999999999:root' },
              Action: 'secretsmanager:GetSecretValue',
              Resource: '*',
            },
          ],
        }),
      },
    },
    {
      address: 'aws_ssm_parameter.webhook',
      attributes: {
        arn: PARAM_ARN,
        name: '/prod/payments/webhook',
        type: 'SecureString',
        value: 'CANARY-test-2',
      },
      sensitive: ['value'],
    },
  ],
  outputs: { db_secret_arn: { value: SECRET_ARN }, db_password: { value: 'CANARY-test-3', sensitive: true } },
};

const consumer: TestWorkspace = {
  name: 'apps/api',
  resources: [
    {
      address: 'data.terraform_remote_state.platform',
      attributes: {
        backend: 's3',
        config: {
          value: { bucket: 'acme-tfstate', key: 'platform/secrets.tfstate', region: 'eu-west-1' },
          type: ['object', {}],
        },
        outputs: { value: { db_secret_arn: SECRET_ARN, db_password: 'CANARY-test-3' }, type: ['object', {}] },
        workspace: null,
      },
    },
    {
      address: 'aws_ecs_task_definition.api',
      attributes: {
        arn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/api:3`,
        family: 'api',
        container_definitions: JSON.stringify([
          {
            name: 'api',
            secrets: [
              { name: 'DB', valueFrom: `${SECRET_ARN}:password::` },
              { name: 'HOOK', valueFrom: PARAM_ARN },
            ],
          },
        ]),
      },
      dependencies: ['data.terraform_remote_state.platform'],
    },
    {
      address: 'data.aws_secretsmanager_secret_version.db',
      attributes: { secret_id: 'prod/orders/db', arn: SECRET_ARN, secret_string: 'CANARY-test-4' },
    },
    {
      address: 'aws_iam_policy.read',
      attributes: {
        arn: `arn:aws:iam::${ACCOUNT}:policy/read`,
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue'],
              Resource: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/orders/*`,
            },
          ],
        }),
      },
    },
  ],
};

const batch: TestWorkspace = {
  name: 'batch/ledger',
  resources: [
    {
      address: 'aws_batch_job_definition.export',
      attributes: {
        arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/export:1`,
        name: 'export',
        container_properties: JSON.stringify({
          secrets: [
            { name: 'DB', valueFrom: `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:prod/orders/db` },
          ],
        }),
      },
    },
    {
      address: 'aws_cloudwatch_event_rule.monthly',
      attributes: { name: 'monthly', schedule_expression: 'cron(0 3 1 * ? *)' },
    },
    {
      address: 'aws_cloudwatch_event_target.monthly',
      attributes: {
        rule: 'monthly',
        arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-queue/q`,
        batch_target: [{ job_definition: 'export' }],
      },
    },
  ],
};

describe('linkers', () => {
  it('link every kind of evidence across workspaces, with confidence', async () => {
    const built = await makeEstate([producer, consumer, batch]);
    expect(edgeLines(built, (l) => !l.includes('depends_on'))).toEqual([
      'apps/api::aws_ecs_task_definition.api -arn_reference(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'apps/api::aws_ecs_task_definition.api -arn_reference(exact)-> platform/secrets::aws_ssm_parameter.webhook',
      // Without HCL, the task definition depends on the remote state and holds the value of one of its outputs.
      'apps/api::aws_ecs_task_definition.api -reads_output(exact)-> platform/secrets::output.db_secret_arn',
      'apps/api::aws_iam_policy.read -iam_grant(wildcard)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'apps/api::data.aws_secretsmanager_secret_version.db -lookup(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'apps/api::data.terraform_remote_state.platform -reads_output(name)-> platform/secrets::output.db_password',
      'apps/api::data.terraform_remote_state.platform -reads_output(name)-> platform/secrets::output.db_secret_arn',
      'apps/api::data.terraform_remote_state.platform -remote_state(exact)-> platform/secrets',
      'batch/ledger::aws_batch_job_definition.export -replicates(arn_without_suffix)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'batch/ledger::aws_cloudwatch_event_rule.monthly -schedules(name)-> batch/ledger::aws_batch_job_definition.export',
      'external::arn:aws:iam::999999999999:root -policy_grants(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'external::arn:aws:iam::999999999999:root -policy_grants(exact)-> platform/secrets::aws_secretsmanager_secret_policy.orders_db',
      'platform/secrets::aws_secretsmanager_secret.orders_db -encrypts(exact)-> platform/secrets::aws_kms_key.secrets',
      'platform/secrets::aws_secretsmanager_secret_policy.orders_db -policy_grants(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'platform/secrets::aws_secretsmanager_secret_rotation.orders_db -arn_reference(exact)-> platform/secrets::aws_lambda_function.rotator',
      'platform/secrets::aws_secretsmanager_secret_rotation.orders_db -rotates(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'platform/secrets::aws_secretsmanager_secret_version.orders_db -arn_reference(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'platform/secrets::output.db_secret_arn -output_of(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
    ]);
    const secret = built.graph.getNodeAttributes(
      'platform/secrets::aws_secretsmanager_secret.orders_db',
    ).secret;
    expect(secret).toMatchObject({
      service: 'secretsmanager',
      recoveryWindowDays: 7,
      kmsKeyId: KEY_ARN,
      replicaRegions: ['eu-central-1'],
      rotation: { enabled: true, lambdaArn: LAMBDA_ARN, days: 30, immediately: true },
      valueInState: true,
    });
    expect(built.stats.unresolved).toEqual({});
  });

  it('reports a remote state that reads a workspace outside the estate', async () => {
    const built = await makeEstate([consumer]);
    expect(built.stats.unresolved.remote_state).toBe(1);
    const d = built.diagnostics.find((x) => x.code === 'link.unresolved-remote-state');
    expect(d?.message).toContain('s3://acme-tfstate/platform/secrets.tfstate');
    expect(d?.workspace).toBe('apps/api');
  });

  it('links a consumer to the exact output it reads when HCL says so', async () => {
    const withHcl: TestWorkspace = {
      ...consumer,
      hcl: {
        'main.tf': `
data "terraform_remote_state" "platform" {
  backend = "s3"
  config = {
    bucket = "acme-tfstate"
    key    = "platform/secrets.tfstate"
  }
}
resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([{ secrets = [{ valueFrom = data.terraform_remote_state.platform.outputs.db_secret_arn }] }])
}
`,
      },
    };
    const built = await makeEstate([producer, withHcl]);
    expect(
      edgeLines(built, (l) => l.startsWith('apps/api::aws_ecs_task_definition.api -reads_output')),
    ).toEqual([
      'apps/api::aws_ecs_task_definition.api -reads_output(reference)-> platform/secrets::output.db_secret_arn',
    ]);
    expect(built.graph.getNodeAttributes('apps/api::aws_ecs_task_definition.api').source).toEqual({
      file: 'apps/api/main.tf',
      line: 9,
    });
  });

  it('links the same evidence once, and re-ingest yields the same ids and edges', async () => {
    const a = await makeEstate([producer, consumer, batch]);
    const b = await makeEstate([producer, consumer, batch]);
    expect(edgeLines(a)).toEqual(edgeLines(b));
    expect(a.graph.nodes().sort()).toEqual(b.graph.nodes().sort());
  });
});
