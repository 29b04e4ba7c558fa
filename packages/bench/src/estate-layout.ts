import { createPrng, subSeed } from './prng.js';

/**
 * Who is who in a synthetic estate, computable for any workspace without generating the others:
 * workspace 0 holds the root KMS keys, every tenth workspace produces secrets, the rest consume.
 */
export const ACCOUNT = '123456789012';
export const PARTNER_ACCOUNT = '999999999999';
export const REGION = 'eu-west-1';
export const BUCKET = 'synth-tfstate';
export const ROOT_KEYS = 5;
export const PRODUCER_EVERY = 10;

export interface Layout {
  seed: number;
  workspaces: number;
  resourcesPerWorkspace: number;
}

export type Role = 'kms' | 'producer' | 'consumer';

export function roleOf(index: number): Role {
  if (index === 0) return 'kms';
  return index % PRODUCER_EVERY === 1 ? 'producer' : 'consumer';
}

export function workspaceName(index: number): string {
  const role = roleOf(index);
  if (role === 'kms') return 'platform/kms';
  if (role === 'producer') return `platform/secrets-${producerNumber(index)}`;
  return `team-${index % 23}/svc-${index}`;
}

export function stateKey(index: number): string {
  return `${workspaceName(index)}.tfstate`;
}

export function producerNumber(index: number): number {
  return Math.floor(index / PRODUCER_EVERY);
}

export function producerCount(layout: Layout): number {
  return Math.max(1, Math.floor((layout.workspaces - 2) / PRODUCER_EVERY) + 1);
}

export function producerIndex(k: number): number {
  return k * PRODUCER_EVERY + 1;
}

/** Secrets per producer: enough to be worth consuming, leaving room for the rest of a state. */
export function secretsPerProducer(layout: Layout): number {
  return Math.max(2, Math.min(40, Math.floor(layout.resourcesPerWorkspace / 8)));
}

export function rootKeyId(layout: Layout, g: number): string {
  return createPrng(subSeed(layout.seed, 1_000_000 + g)).uuid();
}

export function rootKeyArn(layout: Layout, g: number): string {
  return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${rootKeyId(layout, g)}`;
}

export interface SecretIdentity {
  name: string;
  arn: string;
  withoutSuffix: string;
  paramName: string;
  paramArn: string;
  rootKey: number;
}

export function secretIdentity(layout: Layout, k: number, j: number): SecretIdentity {
  const suffix = createPrng(subSeed(layout.seed, 2_000_000 + k * 1000 + j)).chars(6);
  const name = `prod/p${k}/secret-${j}`;
  const withoutSuffix = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}`;
  const paramName = `/prod/p${k}/param-${j}`;
  return {
    name,
    arn: `${withoutSuffix}-${suffix}`,
    withoutSuffix,
    paramName,
    paramArn: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${paramName}`,
    rootKey: (k + j) % ROOT_KEYS,
  };
}

/** Output names a producer writes (and a remote_state reader copies). */
export function producerOutputs(
  layout: Layout,
  k: number,
): Record<string, { value: string; sensitive?: boolean }> {
  const out: Record<string, { value: string; sensitive?: boolean }> = {};
  const n = Math.min(8, secretsPerProducer(layout));
  for (let j = 0; j < n; j++) {
    const s = secretIdentity(layout, k, j);
    out[`secret_${j}_arn`] = { value: s.arn };
    out[`secret_${j}_name`] = { value: s.name };
  }
  out.param_0_name = { value: secretIdentity(layout, k, 0).paramName };
  out.db_password = { value: canary(producerIndex(k), 0), sensitive: true };
  return out;
}

/** A secret value: unique, greppable, never allowed to reach any output. */
export function canary(workspaceIndex: number, n: number): string {
  return `CANARY-${workspaceIndex * 100_000 + n}`;
}
