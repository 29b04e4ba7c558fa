import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';
const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
export const KEY_ID = '5b7e1c2a-0f3d-4e8a-9b61-2c4d6e8f0a1b';
export const KEY_NODE = 'platform/kms::aws_kms_key.shared';
export const KEY_ALIAS = 'alias/shared-data';

export interface KeyEstateShape {
  /** Workspaces `team-NN/app` that use the key. */
  teams: number;
  /** Secrets per team encrypted with the key (hop 1). */
  secrets: number;
  /** Lambda functions per team whose environment is encrypted with the key (hop 1). */
  lambdas: number;
  /** Lambda functions per secret holding its ARN in their environment (hop 2). */
  readers: number;
}

type Resource = { mode: 'managed'; type: string; name: string; attributes: Record<string, unknown> };

function state(resources: Resource[], serial: number): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.8',
    serial,
    lineage: `lineage-${serial}`,
    outputs: {},
    resources: resources.map((r) => ({
      mode: r.mode,
      type: r.type,
      name: r.name,
      provider: PROVIDER,
      instances: [{ schema_version: 0, attributes: r.attributes }],
    })),
  });
}

function lambda(name: string, fn: string, env: Record<string, string>, kms: string): Resource {
  return {
    mode: 'managed',
    type: 'aws_lambda_function',
    name,
    attributes: {
      arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`,
      function_name: fn,
      id: fn,
      kms_key_arn: kms,
      environment: [{ variables: env }],
      handler: 'index.handler',
      runtime: 'nodejs20.x',
    },
  };
}

/**
 * A synthetic estate (no manifest: each `*.tfstate` is a workspace named by its path) around one
 * shared KMS key with an alias: the busy key a platform team owns. Deterministic; no secret values.
 */
export function writeKeyEstate(dir: string, shape: KeyEstateShape): void {
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
  mkdirSync(join(dir, 'platform'), { recursive: true });
  writeFileSync(
    join(dir, 'platform/kms.tfstate'),
    state(
      [
        {
          mode: 'managed',
          type: 'aws_kms_key',
          name: 'shared',
          attributes: { arn: keyArn, id: KEY_ID, key_id: KEY_ID, deletion_window_in_days: 30 },
        },
        {
          mode: 'managed',
          type: 'aws_kms_alias',
          name: 'shared',
          attributes: {
            arn: `arn:aws:kms:${REGION}:${ACCOUNT}:${KEY_ALIAS}`,
            id: KEY_ALIAS,
            name: KEY_ALIAS,
            target_key_arn: keyArn,
            target_key_id: KEY_ID,
          },
        },
      ],
      1,
    ),
  );
  for (let t = 0; t < shape.teams; t++) {
    const team = `team-${String(t).padStart(2, '0')}`;
    const resources: Resource[] = [];
    for (let s = 0; s < shape.secrets; s++) {
      const name = `${team}/app/secret-${s}`;
      const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-Ab${String(s).padStart(4, '0')}`;
      resources.push({
        mode: 'managed',
        type: 'aws_secretsmanager_secret',
        name: `s${s}`,
        attributes: { arn, id: arn, name, kms_key_id: keyArn, recovery_window_in_days: 7 },
      });
      for (let r = 0; r < shape.readers; r++)
        resources.push(lambda(`s${s}_reader_${r}`, `${team}-s${s}-reader-${r}`, { SECRET_ARN: arn }, ''));
    }
    for (let l = 0; l < shape.lambdas; l++)
      resources.push(lambda(`fn${l}`, `${team}-fn-${l}`, { STAGE: 'prod' }, keyArn));
    mkdirSync(join(dir, team), { recursive: true });
    writeFileSync(join(dir, team, 'app.tfstate'), state(resources, t + 2));
  }
}
