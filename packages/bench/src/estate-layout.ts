import { createPrng, subSeed } from './prng.js';

/**
 * Who is who in a synthetic estate, computable for any workspace without generating the others:
 * workspace 0 holds the root KMS keys, every tenth workspace produces secrets, the rest consume.
 *
 * Like a real organisation, one platform module is deployed in many cells (an account and a
 * region each): producer k runs in cell k mod cells, as deployment k div cells of its module, so
 * every cell repeats the same secret and parameter names. Consumers run in a cell and read the
 * producers of their own cell by name or ARN; a few read another cell's secret by full ARN.
 */
export const PARTNER_ACCOUNT = '999999999999';
/** Where the state bucket lives (remote-state configs name it). */
export const BUCKET_REGION = 'eu-west-1';
export const REGIONS = ['eu-west-1', 'us-east-1'];
export const BUCKET = 'synth-tfstate';

/** An account and a region. */
export interface Scope {
  account: string;
  region: string;
}
export const ROOT_KEYS = 5;
export const PRODUCER_EVERY = 10;

export interface Layout {
  seed: number;
  workspaces: number;
  resourcesPerWorkspace: number;
  /** Accounts the platform module is deployed in (0: one for every four producers, at least 3). */
  accounts: number;
  /** Regions each account runs it in (1 or 2). */
  regions: number;
}

/** The cells (account × region) producers are spread over: never more than there are producers. */
export function cellCount(layout: Layout): number {
  const p = producerCount(layout);
  const regions = Math.max(1, Math.min(REGIONS.length, layout.regions));
  const accounts = layout.accounts > 0 ? layout.accounts : Math.max(3, Math.floor(p / 4));
  return Math.max(1, Math.min(p, accounts * regions));
}

export function cellScope(layout: Layout, cell: number): Scope {
  const regions = Math.max(1, Math.min(REGIONS.length, layout.regions));
  return {
    account: String(100_000_000_001 + Math.floor(cell / regions)),
    region: REGIONS[cell % regions] as string,
  };
}

/** The cell a workspace runs in: the KMS workspace in the first, a producer in its own, a consumer by index. */
export function cellOf(layout: Layout, index: number): number {
  const role = roleOf(index);
  if (role === 'kms') return 0;
  if (role === 'producer') return producerNumber(index) % cellCount(layout);
  return index % cellCount(layout);
}

export function workspaceScope(layout: Layout, index: number): Scope {
  return cellScope(layout, cellOf(layout, index));
}

/** The producers of one cell, in order. */
export function producersOfCell(layout: Layout, cell: number): number[] {
  const cells = cellCount(layout);
  const out: number[] = [];
  for (let k = cell; k < producerCount(layout); k += cells) out.push(k);
  return out;
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
  const { account, region } = cellScope(layout, 0);
  return `arn:aws:kms:${region}:${account}:key/${rootKeyId(layout, g)}`;
}

export interface SecretIdentity {
  name: string;
  arn: string;
  withoutSuffix: string;
  paramName: string;
  paramArn: string;
  rootKey: number;
}

/** Secret j of producer k: named after its module, so every cell repeats the name. */
export function secretIdentity(layout: Layout, k: number, j: number): SecretIdentity {
  const suffix = createPrng(subSeed(layout.seed, 2_000_000 + k * 1000 + j)).chars(6);
  const cells = cellCount(layout);
  const { account, region } = cellScope(layout, k % cells);
  const module = Math.floor(k / cells);
  const name = `app/m${module}/secret-${j}`;
  const withoutSuffix = `arn:aws:secretsmanager:${region}:${account}:secret:${name}`;
  const paramName = `/app/m${module}/param-${j}`;
  return {
    name,
    arn: `${withoutSuffix}-${suffix}`,
    withoutSuffix,
    paramName,
    paramArn: `arn:aws:ssm:${region}:${account}:parameter${paramName}`,
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
