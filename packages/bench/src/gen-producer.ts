import {
  canary,
  cellOf,
  type Layout,
  PARTNER_ACCOUNT,
  producerNumber,
  producerOutputs,
  ROOT_KEYS,
  rootKeyArn,
  rootKeyId,
  type Scope,
  secretIdentity,
  secretsPerProducer,
  workspaceName,
  workspaceScope,
} from './estate-layout.js';
import { addFillers } from './gen-fillers.js';
import type { Prng } from './prng.js';
import { type Json, StateBuilder, tags } from './state-builder.js';

export interface GeneratedState {
  state: ReturnType<StateBuilder['toState']>;
  canaries: string[];
}

/** Workspace 0: the root KMS keys every secret is encrypted with (the estate's widest hubs). */
export function generateKmsWorkspace(layout: Layout, rng: Prng): GeneratedState {
  const ws = workspaceName(0);
  const scope = workspaceScope(layout, 0);
  const { account: ACCOUNT, region: REGION } = scope;
  const b = new StateBuilder();
  const outputs: Record<string, { value: Json }> = {};
  for (let g = 0; g < ROOT_KEYS; g++) {
    const key = b.add('managed', 'aws_kms_key', `root_${g}`, {
      arn: rootKeyArn(layout, g),
      bypass_policy_lockout_safety_check: false,
      custom_key_store_id: '',
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      deletion_window_in_days: 30,
      description: `root key ${g}`,
      enable_key_rotation: true,
      id: rootKeyId(layout, g),
      is_enabled: true,
      key_id: rootKeyId(layout, g),
      key_usage: 'ENCRYPT_DECRYPT',
      multi_region: false,
      policy: JSON.stringify({
        Id: 'key-default-1',
        Statement: [
          {
            Action: 'kms:*',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Resource: '*',
            Sid: 'Enable IAM User Permissions',
          },
        ],
        Version: '2012-10-17',
      }),
      rotation_period_in_days: 365,
      timeouts: null,
      xks_key_id: '',
      ...tags(ws, { Name: `root-${g}` }),
    });
    b.add(
      'managed',
      'aws_kms_alias',
      `root_${g}`,
      {
        arn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/root-${g}`,
        id: `alias/root-${g}`,
        name: `alias/root-${g}`,
        name_prefix: '',
        target_key_arn: rootKeyArn(layout, g),
        target_key_id: rootKeyId(layout, g),
      },
      { dependencies: [key] },
    );
    outputs[`root_${g}_key_arn`] = { value: rootKeyArn(layout, g) };
  }
  addFillers(b, ws, rng, layout.resourcesPerWorkspace, [], scope);
  return { state: b.toState(outputs, 12, rng.uuid()), canaries: [] };
}

/** A platform workspace: secrets + versions + rotations + policies, SecureString parameters, a rotator. */
export function generateProducer(layout: Layout, index: number, rng: Prng): GeneratedState {
  const ws = workspaceName(index);
  const scope = workspaceScope(layout, index);
  const { account: ACCOUNT, region: REGION } = scope;
  const k = producerNumber(index);
  const b = new StateBuilder();
  const canaries: string[] = [];
  let n = 1;
  const fn = `p${k}-secrets-rotator`;
  const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`;
  const role = b.add('managed', 'aws_iam_role', 'rotator', {
    arn: `arn:aws:iam::${ACCOUNT}:role/${fn}`,
    assume_role_policy: JSON.stringify({
      Statement: [
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ],
      Version: '2012-10-17',
    }),
    id: fn,
    name: fn,
    path: '/',
    ...tags(ws),
  });
  const rotator = b.add(
    'managed',
    'aws_lambda_function',
    'rotator',
    lambdaAttributes(ws, fn, `arn:aws:iam::${ACCOUNT}:role/${fn}`, scope, {
      SECRETS_MANAGER_ENDPOINT: `https://secretsmanager.${REGION}.amazonaws.com`,
    }),
    { dependencies: [role] },
  );
  const rootDeps = `aws_kms_key.local`;
  b.add('managed', 'aws_kms_key', 'local', {
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${rng.uuid()}`,
    description: `${ws} local key`,
    enable_key_rotation: true,
    id: rng.uuid(),
    key_usage: 'ENCRYPT_DECRYPT',
    ...tags(ws),
  });
  for (let j = 0; j < secretsPerProducer(layout); j++) {
    const s = secretIdentity(layout, k, j);
    const secret = b.add(
      'managed',
      'aws_secretsmanager_secret',
      `s${j}`,
      {
        arn: s.arn,
        description: `Secret ${j} of ${ws}`,
        force_overwrite_replica_secret: false,
        id: s.arn,
        kms_key_id: rootKeyArn(layout, s.rootKey),
        name: s.name,
        name_prefix: '',
        policy: '',
        recovery_window_in_days: rng.pick([0, 7, 30, 30, 30]),
        replica: [],
        ...tags(ws, { Team: `team-${j % 23}` }),
      },
      { dependencies: [rootDeps] },
    );
    const value = canary(index, n++);
    canaries.push(value);
    const secretString = rng.chance(0.5)
      ? JSON.stringify({ host: `db-${k}-${j}.internal`, password: value, username: 'app' })
      : value;
    b.add(
      'managed',
      'aws_secretsmanager_secret_version',
      `s${j}`,
      {
        arn: s.arn,
        id: `${s.arn}|${rng.uuid()}`,
        secret_binary: '',
        secret_id: s.arn,
        secret_string: secretString,
        secret_string_wo: null,
        secret_string_wo_version: null,
        version_id: rng.uuid(),
        version_stages: ['AWSCURRENT'],
      },
      { sensitive: ['secret_binary', 'secret_string', 'secret_string_wo'], dependencies: [secret] },
    );
    if (j % 3 === 0) {
      b.add(
        'managed',
        'aws_secretsmanager_secret_rotation',
        `s${j}`,
        {
          id: s.arn,
          rotate_immediately: true,
          rotation_enabled: true,
          rotation_lambda_arn: fnArn,
          rotation_rules: [
            { automatically_after_days: rng.pick([30, 60, 90]), duration: null, schedule_expression: '' },
          ],
          secret_id: s.arn,
        },
        { dependencies: [secret, rotator] },
      );
    }
    if (j % 5 === 0) {
      b.add(
        'managed',
        'aws_secretsmanager_secret_policy',
        `s${j}`,
        {
          block_public_policy: true,
          id: s.arn,
          policy: JSON.stringify({
            Statement: [
              {
                Action: 'secretsmanager:GetSecretValue',
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
                Resource: '*',
                Sid: 'PartnerRead',
              },
            ],
            Version: '2012-10-17',
          }),
          secret_arn: s.arn,
        },
        { dependencies: [secret] },
      );
    }
    if (j % 2 === 0) {
      const pv = canary(index, n++);
      canaries.push(pv);
      b.add(
        'managed',
        'aws_ssm_parameter',
        `p${j}`,
        {
          allowed_pattern: '',
          arn: s.paramArn,
          data_type: 'text',
          description: `Parameter ${j}`,
          id: s.paramName,
          insecure_value: null,
          // An alias resolves only in its own account and region: elsewhere the key is named by ARN.
          key_id: cellOf(layout, index) === 0 ? `alias/root-${s.rootKey}` : rootKeyArn(layout, s.rootKey),
          name: s.paramName,
          overwrite: null,
          tier: 'Standard',
          type: 'SecureString',
          value: pv,
          version: 1 + rng.int(9),
          ...tags(ws),
        },
        { sensitive: ['value'] },
      );
    }
  }
  const outputs = producerOutputs(layout, k);
  canaries.push(outputs.db_password!.value);
  addFillers(b, ws, rng, layout.resourcesPerWorkspace, [], scope);
  return { state: b.toState(outputs, 40 + rng.int(100), rng.uuid()), canaries };
}

export function lambdaAttributes(
  ws: string,
  fn: string,
  roleArn: string,
  { account: ACCOUNT, region: REGION }: Scope,
  variables: Record<string, string>,
): { [key: string]: Json } {
  const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`;
  return {
    architectures: ['arm64'],
    arn,
    code_sha256: 'Ctl7wZnd354ZfShFcHr+DNltbujrh4NxpkoRurNj5C0=',
    code_signing_config_arn: '',
    dead_letter_config: [],
    description: `${fn} function`,
    environment: [{ variables }],
    ephemeral_storage: [{ size: 512 }],
    file_system_config: [],
    filename: `build/${fn}.zip`,
    function_name: fn,
    handler: 'app.handler',
    id: fn,
    image_config: [],
    image_uri: '',
    invoke_arn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations`,
    kms_key_arn: '',
    last_modified: '2026-10-05T08:41:12.000+0000',
    layers: null,
    logging_config: [
      { application_log_level: '', log_format: 'Text', log_group: `/aws/lambda/${fn}`, system_log_level: '' },
    ],
    memory_size: 256,
    package_type: 'Zip',
    publish: false,
    qualified_arn: `${arn}:$LATEST`,
    reserved_concurrent_executions: -1,
    role: roleArn,
    runtime: 'python3.12',
    s3_bucket: null,
    source_code_hash: 'Ctl7wZnd354ZfShFcHr+DNltbujrh4NxpkoRurNj5C0=',
    source_code_size: 42144,
    timeout: 30,
    timeouts: null,
    tracing_config: [{ mode: 'PassThrough' }],
    version: '$LATEST',
    vpc_config: [],
    ...tags(ws),
  };
}
