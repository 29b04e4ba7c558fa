import {
  BUCKET,
  BUCKET_REGION,
  canary,
  cellCount,
  cellOf,
  type Layout,
  producerIndex,
  producerOutputs,
  producersOfCell,
  roleOf,
  rootKeyArn,
  type SecretIdentity,
  secretIdentity,
  secretsPerProducer,
  stateKey,
  workspaceName,
  workspaceScope,
} from './estate-layout.js';
import { addFillers } from './gen-fillers.js';
import { type GeneratedState, lambdaAttributes } from './gen-producer.js';
import { createPrng, type Prng, subSeed } from './prng.js';
import { type Json, StateBuilder, tags } from './state-builder.js';

/**
 * Share of service policies with a `Resource: "*"` statement. Each such statement grants on every
 * secret, parameter and key of the estate, so it adds O(secrets) edges: kept small on purpose.
 */
export const STAR_POLICY_SHARE = 0.01;

/** Share of services that also read another cell's secret by its full ARN (a cross-account reader). */
export const PEER_READER_SHARE = 0.02;

interface ConsumerWiring {
  producers: number[];
  /** A consumer whose outputs this one reads too (second-order, cross-workspace). */
  upstream: number | null;
  passthrough: SecretIdentity;
}

/**
 * Which producers a consumer reads (those of its own cell): decided apart from its state, so
 * readers of it can copy its outputs.
 */
export function consumerWiring(layout: Layout, index: number): ConsumerWiring {
  const rng = createPrng(subSeed(layout.seed, 3_000_000 + index));
  const own = producersOfCell(layout, cellOf(layout, index));
  const q = own.length;
  const producers = [...new Set([own[rng.skewed(q, 2.5)] as number, own[rng.skewed(q, 1.5)] as number])];
  const up = index - 1 - rng.int(5);
  const upstream = up > 0 && roleOf(up) === 'consumer' && rng.chance(0.3) ? up : null;
  return { producers, upstream, passthrough: secretIdentity(layout, producers[0]!, rng.skewed(8, 2)) };
}

export function consumerOutputs(
  layout: Layout,
  index: number,
): Record<string, { value: string; sensitive?: boolean }> {
  const w = consumerWiring(layout, index);
  return {
    service_name: { value: `svc-${index}` },
    db_secret_arn: { value: w.passthrough.arn },
    api_token: { value: canary(index, 0), sensitive: true },
  };
}

function remoteState(
  b: StateBuilder,
  name: string,
  key: string,
  outputs: Record<string, { value: string }>,
): string {
  const value: Record<string, Json> = {};
  const type: Record<string, Json> = {};
  for (const k of Object.keys(outputs).sort()) {
    value[k] = outputs[k]!.value;
    type[k] = 'string';
  }
  return b.add('data', 'terraform_remote_state', name, {
    backend: 's3',
    config: {
      value: { bucket: BUCKET, key, region: BUCKET_REGION },
      type: ['object', { bucket: 'string', key: 'string', region: 'string' }],
    },
    defaults: null,
    // A reader's copy holds the producer's outputs, sensitive ones in clear.
    outputs: { value, type: ['object', type] },
    workspace: null,
  });
}

function policyDocument(resources: string[], key: string): string {
  return JSON.stringify({
    Statement: [
      { Action: ['secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: resources, Sid: 'ReadSecrets' },
      { Action: 'kms:Decrypt', Effect: 'Allow', Resource: key, Sid: 'Decrypt' },
    ],
    Version: '2012-10-17',
  });
}

/** A secret of a producer in another cell (another account or region), read by its full ARN. */
function peerSecret(layout: Layout, index: number, rng: Prng): SecretIdentity {
  const cells = cellCount(layout);
  const other = (cellOf(layout, index) + 1 + rng.int(Math.max(1, cells - 1))) % cells;
  const producers = producersOfCell(layout, other);
  return secretIdentity(layout, rng.pick(producers), 0);
}

function schedule(rng: Prng): string {
  return rng.chance(0.6)
    ? `cron(${rng.int(60)} ${rng.int(24)} ${rng.pick(['*', '1', '15'])} * ? *)`
    : `rate(${1 + rng.int(12)} ${rng.pick(['hours', 'days'])})`;
}

/** An application workspace: ECS, Lambda, Batch, IAM, schedules, remote_state and data-source readers. */
export function generateConsumer(layout: Layout, index: number, rng: Prng): GeneratedState {
  const ws = workspaceName(index);
  const scope = workspaceScope(layout, index);
  const { account: ACCOUNT, region: REGION } = scope;
  const wiring = consumerWiring(layout, index);
  const b = new StateBuilder();
  const canaries: string[] = [canary(index, 0)];
  let n = 1;
  const readers = wiring.producers.map((k) =>
    remoteState(b, `p${k}`, stateKey(producerIndex(k)), producerOutputs(layout, k)),
  );
  if (wiring.upstream !== null)
    readers.push(
      remoteState(b, 'upstream', stateKey(wiring.upstream), consumerOutputs(layout, wiring.upstream)),
    );
  const anchors: string[] = [];
  const services = Math.max(1, Math.floor(layout.resourcesPerWorkspace / 40));
  const perProducer = secretsPerProducer(layout);
  for (let s = 0; s < services && b.instanceCount < layout.resourcesPerWorkspace - 12; s++) {
    const pick = () => secretIdentity(layout, rng.pick(wiring.producers), rng.skewed(perProducer, 3));
    const a = pick();
    const c = pick();
    const param = secretIdentity(
      layout,
      rng.pick(wiring.producers),
      2 * rng.skewed(Math.ceil(perProducer / 2), 3),
    );
    const reader = rng.pick(readers);
    const svc = `svc-${index}-${s}`;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/${svc}`;
    const variant = rng.next();
    const resource =
      variant < 0.6
        ? a.arn
        : variant < 0.85
          ? `${a.withoutSuffix}-??????`
          : `${a.withoutSuffix.replace(/secret-\d+$/, '')}*`;
    // `kms:Decrypt` on `*` is common in real estates, and costly to link (see STAR_POLICY_SHARE).
    const key = rng.chance(STAR_POLICY_SHARE) ? '*' : rootKeyArn(layout, a.rootKey);
    const role = b.add('managed', 'aws_iam_role', `svc_${s}`, {
      arn: roleArn,
      assume_role_policy: JSON.stringify({
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      }),
      create_date: '2025-03-14T10:22:31Z',
      description: '',
      force_detach_policies: false,
      id: svc,
      inline_policy: [{ name: 'read-secrets', policy: policyDocument([resource, param.paramArn], key) }],
      managed_policy_arns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
      max_session_duration: 3600,
      name: svc,
      name_prefix: '',
      path: '/',
      permissions_boundary: '',
      unique_id: `AROA${rng.chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      ...tags(ws),
    });
    b.add(
      'managed',
      'aws_iam_role_policy',
      `svc_${s}`,
      {
        id: `${svc}:read-secrets`,
        name: 'read-secrets',
        name_prefix: '',
        policy: policyDocument([resource], key),
        role: svc,
      },
      { dependencies: [role, reader] },
    );
    const env: { name: string; value: string }[] = [{ name: 'LOG_LEVEL', value: 'info' }];
    if (rng.chance(0.05)) {
      const v = canary(index, n++);
      canaries.push(v);
      env.push({ name: 'LEGACY_API_TOKEN', value: v });
    }
    const tdArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${svc}:${1 + rng.int(60)}`;
    const td = b.add(
      'managed',
      'aws_ecs_task_definition',
      `svc_${s}`,
      {
        arn: tdArn,
        arn_without_revision: tdArn.replace(/:\d+$/, ''),
        container_definitions: JSON.stringify([
          {
            cpu: 0,
            environment: env,
            essential: true,
            image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${svc}:1.${rng.int(40)}.0`,
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': `/ecs/${svc}`,
                'awslogs-region': REGION,
                'awslogs-stream-prefix': 'app',
              },
            },
            mountPoints: [],
            name: svc,
            portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
            secrets: [
              { name: 'DB_SECRET', valueFrom: a.arn },
              { name: 'DB_PASSWORD', valueFrom: `${a.arn}:password::` },
              { name: 'PARAM', valueFrom: param.paramArn },
            ],
            systemControls: [],
            volumesFrom: [],
          },
        ]),
        cpu: '512',
        execution_role_arn: roleArn,
        family: svc,
        id: svc,
        memory: '1024',
        network_mode: 'awsvpc',
        requires_compatibilities: ['FARGATE'],
        revision: 1,
        task_role_arn: roleArn,
        ...tags(ws),
      },
      { dependencies: [role, reader], schemaVersion: 1 },
    );
    const service = b.add(
      'managed',
      'aws_ecs_service',
      `svc_${s}`,
      {
        cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod-apps`,
        desired_count: 2,
        id: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod-apps/${svc}`,
        launch_type: 'FARGATE',
        name: svc,
        network_configuration: [{ assign_public_ip: false, security_groups: [], subnets: [] }],
        task_definition: tdArn,
        ...tags(ws),
      },
      { dependencies: [td, role] },
    );
    b.add(
      'managed',
      'aws_appautoscaling_target',
      `svc_${s}`,
      {
        id: `service/prod-apps/${svc}`,
        max_capacity: 10,
        min_capacity: 2,
        resource_id: `service/prod-apps/${svc}`,
        scalable_dimension: 'ecs:service:DesiredCount',
        service_namespace: 'ecs',
        ...tags(ws),
      },
      { dependencies: [service] },
    );
    const fn = `${svc}-fn`;
    const lambda = b.add(
      'managed',
      'aws_lambda_function',
      `fn_${s}`,
      lambdaAttributes(ws, fn, roleArn, scope, {
        MODE: 'live',
        SECRET_ARN: c.arn,
        SECRET_NAME: c.name,
        PARAM: param.paramName,
        ...(rng.chance(PEER_READER_SHARE) ? { PEER_SECRET_ARN: peerSecret(layout, index, rng).arn } : {}),
      }),
      { dependencies: [role, reader] },
    );
    if (rng.chance(0.5)) {
      b.add(
        'managed',
        'aws_scheduler_schedule',
        `fn_${s}`,
        {
          action_after_completion: 'NONE',
          arn: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/${fn}`,
          flexible_time_window: [{ maximum_window_in_minutes: 0, mode: 'OFF' }],
          group_name: 'default',
          id: `default/${fn}`,
          name: fn,
          schedule_expression: schedule(rng),
          schedule_expression_timezone: rng.pick(['UTC', 'Europe/London', 'America/New_York']),
          state: 'ENABLED',
          target: [
            {
              arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`,
              input: '{"mode":"full"}',
              retry_policy: [{ maximum_event_age_in_seconds: 86400, maximum_retry_attempts: 185 }],
              role_arn: roleArn,
            },
          ],
        },
        { dependencies: [lambda, role] },
      );
    }
    const job = `${svc}-job`;
    const jobArn = `arn:aws:batch:${REGION}:${ACCOUNT}:job-definition/${job}:${1 + rng.int(9)}`;
    const jobDef = b.add(
      'managed',
      'aws_batch_job_definition',
      `job_${s}`,
      {
        arn: jobArn,
        arn_prefix: jobArn.replace(/:\d+$/, ''),
        container_properties: JSON.stringify({
          command: ['python', '-m', 'job'],
          environment: [{ name: 'SECRET_NAME', value: c.name }],
          executionRoleArn: roleArn,
          image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${job}:1.0.0`,
          resourceRequirements: [
            { type: 'VCPU', value: '1' },
            { type: 'MEMORY', value: '2048' },
          ],
          // Pasted without the random suffix, as people do.
          secrets: [{ name: 'TOKEN', valueFrom: a.withoutSuffix }],
        }),
        id: jobArn,
        name: job,
        platform_capabilities: ['FARGATE'],
        revision: 1,
        type: 'container',
        ...tags(ws),
      },
      { dependencies: [role] },
    );
    const rule = b.add('managed', 'aws_cloudwatch_event_rule', `job_${s}`, {
      arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${job}`,
      description: `${job} schedule`,
      event_bus_name: 'default',
      event_pattern: null,
      id: job,
      is_enabled: true,
      name: job,
      name_prefix: '',
      role_arn: '',
      schedule_expression: schedule(rng),
      state: 'ENABLED',
      ...tags(ws),
    });
    b.add(
      'managed',
      'aws_cloudwatch_event_target',
      `job_${s}`,
      {
        arn: `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/default`,
        batch_target: [{ array_size: 0, job_attempts: 0, job_definition: jobArn, job_name: job }],
        event_bus_name: 'default',
        id: `${job}-target`,
        input: '',
        role_arn: roleArn,
        rule: job,
        target_id: 'batch',
      },
      { dependencies: [rule, jobDef, role] },
    );
    if (rng.chance(0.3)) {
      const v = canary(index, n++);
      canaries.push(v);
      b.add(
        'data',
        'aws_secretsmanager_secret_version',
        `s_${s}`,
        {
          arn: c.arn,
          id: `${c.name}|AWSCURRENT`,
          secret_binary: '',
          secret_id: c.name,
          secret_string: v,
          version_id: rng.uuid(),
          version_stage: 'AWSCURRENT',
          version_stages: ['AWSCURRENT'],
        },
        { sensitive: ['secret_binary', 'secret_string'] },
      );
    }
    if (rng.chance(0.3)) {
      const v = canary(index, n++);
      canaries.push(v);
      b.add(
        'data',
        'aws_ssm_parameter',
        `p_${s}`,
        {
          arn: param.paramArn,
          id: param.paramName,
          insecure_value: null,
          name: param.paramName,
          type: 'SecureString',
          value: v,
          version: 1,
          with_decryption: true,
        },
        { sensitive: ['value'] },
      );
    }
    anchors.push(td, service, lambda, jobDef);
  }
  addFillers(b, ws, rng, layout.resourcesPerWorkspace, anchors, scope);
  return { state: b.toState(consumerOutputs(layout, index), 10 + rng.int(500), rng.uuid()), canaries };
}
