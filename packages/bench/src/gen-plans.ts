import type { RawResource, StateBuilder } from './state-builder.js';

type State = ReturnType<StateBuilder['toState']>;
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const AWS = 'registry.terraform.io/hashicorp/aws';

function showResources(resources: RawResource[]): Json[] {
  const out: Json[] = [];
  for (const r of resources) {
    for (const i of r.instances) {
      const base = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
      const key = i.index_key;
      const address =
        key === undefined ? base : typeof key === 'number' ? `${base}[${key}]` : `${base}["${key}"]`;
      const sensitive: { [key: string]: Json } = {};
      for (const path of i.sensitive_attributes) sensitive[path[0]!.value] = true;
      out.push({
        address,
        mode: r.mode,
        type: r.type,
        name: r.name,
        ...(key !== undefined ? { index: key } : {}),
        provider_name: r.provider.includes('builtin/terraform') ? 'terraform.io/builtin/terraform' : AWS,
        schema_version: i.schema_version,
        values: i.attributes,
        sensitive_values: sensitive,
      });
    }
  }
  return out;
}

function showOutputs(state: State): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [name, o] of Object.entries(state.outputs)) {
    const v = o as { value: Json; type: Json; sensitive?: boolean };
    out[name] = { sensitive: v.sensitive === true, type: v.type, value: v.value };
  }
  return out;
}

type ChangeOf = (address: string) => { actions: string[]; reason?: string; after?: Json } | null;

/** A `terraform show -json` plan of a producer: every managed instance listed, the changed ones with their actions. */
function plan(state: State, changeOf: ChangeOf, outputChanges: { [key: string]: Json }): Json {
  const prior = showResources(state.resources);
  const changes: Json[] = [];
  for (const r of prior as { [key: string]: Json }[]) {
    if (r.mode !== 'managed') continue;
    const c = changeOf(r.address as string);
    const actions = c?.actions ?? ['no-op'];
    const deleted = actions.length === 1 && actions[0] === 'delete';
    changes.push({
      address: r.address as string,
      mode: 'managed',
      type: r.type as string,
      name: r.name as string,
      ...(r.index !== undefined ? { index: r.index as Json } : {}),
      provider_name: AWS,
      change: {
        actions,
        before: r.values as Json,
        after: deleted ? null : (c?.after ?? (r.values as Json)),
        after_unknown: {},
        before_sensitive: r.sensitive_values as Json,
        after_sensitive: deleted ? false : (r.sensitive_values as Json),
      },
      ...(c?.reason ? { action_reason: c.reason } : {}),
    });
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { outputs: showOutputs(state), root_module: { resources: [] } },
    resource_changes: changes,
    output_changes: outputChanges,
    prior_state: {
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: { outputs: showOutputs(state), root_module: { resources: prior } },
    },
    configuration: {},
    timestamp: '2026-12-02T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** Three plans of the most consumed producer: delete its most used secret, replace another, drop an output. */
export function producerPlans(state: State): Record<string, Json> {
  const secret0 = new Set([
    'aws_secretsmanager_secret.s0',
    'aws_secretsmanager_secret_version.s0',
    'aws_secretsmanager_secret_rotation.s0',
    'aws_secretsmanager_secret_policy.s0',
  ]);
  const out0 = (state.outputs as Record<string, { value: Json }>).secret_0_arn?.value ?? null;
  return {
    'delete-secret.json': plan(
      state,
      (a) => (secret0.has(a) ? { actions: ['delete'], reason: 'delete_because_no_resource_config' } : null),
      {
        secret_0_arn: {
          actions: ['delete'],
          before: out0,
          after: null,
          after_unknown: false,
          before_sensitive: false,
          after_sensitive: false,
        },
      },
    ),
    'replace-secret.json': plan(
      state,
      (a) =>
        a === 'aws_secretsmanager_secret.s1' || a === 'aws_secretsmanager_secret_version.s1'
          ? { actions: ['delete', 'create'], reason: 'replace_because_cannot_update' }
          : null,
      {},
    ),
    'remove-output.json': plan(state, () => null, {
      secret_0_name: {
        actions: ['delete'],
        before: 'prod/p0/secret-0',
        after: null,
        after_unknown: false,
        before_sensitive: false,
        after_sensitive: false,
      },
    }),
  };
}
