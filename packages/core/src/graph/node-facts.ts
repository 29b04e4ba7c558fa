import type { NodeAttributes, SecretFacts } from '../model/graph-types.js';
import { type Attributes, REDACTED, type ResourceInstance, type Value } from '../model/workspace.js';

/** Types whose `arn` attribute names another resource (their target or parent), not themselves. */
export const BORROWED_ARN = new Set([
  'aws_cloudwatch_event_target',
  'aws_secretsmanager_secret_version',
  'aws_secretsmanager_secret_rotation',
  'aws_secretsmanager_secret_policy',
]);

const SCHEDULE_TYPES = new Set(['aws_cloudwatch_event_rule', 'aws_scheduler_schedule']);

/** Attribute that names a resource, by type, where it is not `name`. */
export const NAME_ATTRIBUTE: Record<string, string> = {
  aws_lambda_function: 'function_name',
  aws_ecs_task_definition: 'family',
  aws_kms_key: 'key_id',
  aws_glue_job: 'name',
  aws_batch_job_definition: 'name',
};

export function str(attrs: Attributes, key: string): string | undefined {
  const v = attrs[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A string attribute that can identify something: set, and not a redacted value. */
export function identity(attrs: Attributes, key: string): string | undefined {
  const v = attrs[key];
  return typeof v === 'string' && v !== '' && v !== REDACTED ? v : undefined;
}

export function first(value: Value | undefined): Attributes | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return item && typeof item === 'object' && !Array.isArray(item) ? (item as Attributes) : undefined;
}

/**
 * The slim, value-free facts of a resource instance that live on its graph node; its account
 * and region are set by {@link extractWorkspace}, which sees the whole workspace. An identity
 * Terraform marked sensitive was redacted: it is no identity, and the node says so.
 */
export function resourceNode(workspace: string, r: ResourceInstance): NodeAttributes {
  const a = r.attributes;
  const nameKey = NAME_ATTRIBUTE[r.type] ?? 'name';
  const rawArn = BORROWED_ARN.has(r.type) ? undefined : str(a, 'arn');
  const rawName = str(a, nameKey);
  const arn = rawArn === REDACTED ? undefined : rawArn;
  const name = rawName === REDACTED ? undefined : rawName;
  const schedule = r.mode === 'managed' && SCHEDULE_TYPES.has(r.type) ? scheduleOf(r) : undefined;
  const secret = r.mode === 'managed' ? secretFacts(r) : undefined;
  const node: NodeAttributes = {
    kind: schedule ? 'schedule' : r.mode === 'data' ? 'data' : 'resource',
    workspace,
    address: r.address,
    label: r.address,
    type: r.type,
  };
  // Assigned one by one (no spreads of temporaries): this runs once per resource instance.
  if (r.provider) node.provider = r.provider;
  if (arn && r.mode === 'managed') node.arn = arn;
  if (name) node.name = name;
  if (rawArn === REDACTED || rawName === REDACTED || a.id === REDACTED) {
    node.identityRedacted = [
      ...(rawName === REDACTED ? [nameKey] : []),
      ...(rawArn === REDACTED ? ['arn'] : []),
      ...(a.id === REDACTED ? ['id'] : []),
    ];
  }
  if (secret) node.secret = secret;
  if (schedule) node.schedule = schedule;
  return node;
}

function scheduleOf(r: ResourceInstance): NodeAttributes['schedule'] {
  const expression = str(r.attributes, 'schedule_expression');
  if (!expression) return undefined;
  const timezone = str(r.attributes, 'schedule_expression_timezone');
  const state = str(r.attributes, 'state');
  const enabled = r.attributes.is_enabled === false || state === 'DISABLED' ? false : undefined;
  return { expression, ...(timezone ? { timezone } : {}), ...(enabled === false ? { enabled } : {}) };
}

function secretFacts(r: ResourceInstance): SecretFacts | undefined {
  const a = r.attributes;
  switch (r.type) {
    case 'aws_secretsmanager_secret': {
      const w = a.recovery_window_in_days;
      const replicas = Array.isArray(a.replica) ? a.replica.map(first).filter((x) => x !== undefined) : [];
      const kms = str(a, 'kms_key_id');
      return {
        service: 'secretsmanager',
        recoveryWindowDays: typeof w === 'number' ? w : 30,
        ...(kms ? { kmsKeyId: kms } : {}),
        ...(replicas.length > 0
          ? { replicaRegions: replicas.map((x) => str(x, 'region')).filter((x): x is string => !!x) }
          : {}),
        ...(a.rotation_enabled === true ? { rotation: { enabled: true } } : {}),
      };
    }
    case 'aws_ssm_parameter': {
      const kms = str(a, 'key_id');
      const type = str(a, 'type');
      return {
        service: 'ssm',
        recoveryWindowDays: 0,
        ...(type ? { parameterType: type } : {}),
        ...(kms ? { kmsKeyId: kms } : {}),
        valueInState: r.redacted.includes('value'),
        ...(a.value_wo_version != null ? { writeOnly: true } : {}),
        ...(r.digests?.value ? { valueDigest: r.digests.value } : {}),
      };
    }
    case 'aws_kms_key': {
      const w = a.deletion_window_in_days;
      return { service: 'kms', recoveryWindowDays: typeof w === 'number' ? w : 30 };
    }
    default:
      return undefined;
  }
}

/** Extra identities a resource answers to, beyond its `arn` and name. */
export function aliasesOf(r: ResourceInstance): string[] {
  const a = r.attributes;
  const out: string[] = [];
  for (const key of ['arn_without_revision', 'arn_prefix', 'qualified_arn', 'invoke_arn']) {
    const v = identity(a, key);
    if (v) out.push(v);
  }
  // A service-managed secret (RDS `manage_master_user_password`) is known by its owner's node.
  const managed = first(a.master_user_secret);
  const managedArn = managed ? identity(managed, 'secret_arn') : undefined;
  if (managedArn) out.push(managedArn);
  return out;
}
