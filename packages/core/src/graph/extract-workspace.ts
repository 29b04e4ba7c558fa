import { arnField, parseArn } from '../link/arn.js';
import { isAccountId } from '../link/scope.js';
import { walkStrings } from '../link/walk-strings.js';
import type { NodeAttributes, ScopeSource } from '../model/graph-types.js';
import type { Attributes, ResourceInstance, StateModel, Value } from '../model/workspace.js';
import { aliasesOf, BORROWED_ARN, first, identity, resourceNode, str } from './node-facts.js';
import type {
  GrantFacts,
  Mention,
  RemoteStateFacts,
  ResourceFacts,
  ScheduleFacts,
  SecretContribution,
  WorkspaceFacts,
} from './workspace-facts.js';

/** Where the manifest says a workspace is deployed, when its ARNs do not tell. */
export interface ScopeHints {
  account?: string | undefined;
  region?: string | undefined;
}

/** Strings kept per output value at most: outputs hold ARNs and names, not documents. */
const MAX_STRINGS = 256;

/**
 * One workspace's facts, from its state alone (pure; run where the state was parsed). Each node
 * gets the account and region AWS would resolve its names in: from its own ARN, else from what
 * its provider configuration deployed (the other ARNs it manages, `data.aws_caller_identity`,
 * `data.aws_region`), else from the workspace's, else from the manifest's hints.
 */
export function extractWorkspace(
  workspace: string,
  state: StateModel | null,
  hints: ScopeHints = {},
): WorkspaceFacts {
  const resources = state?.resources ?? [];
  const scopes = providerScopes(resources, hints);
  const facts: WorkspaceFacts = {
    workspace,
    account: scopes.workspace.account,
    region: scopes.workspace.region,
    resources: [],
    outputs: [],
    remoteStates: [],
    schedules: { rules: [], jobDefinitions: [], targets: [], schedulers: [] },
    secrets: [],
    grants: [],
  };
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i] as ResourceInstance;
    const node = resourceNode(workspace, r);
    assignScope(node, r, scopes.byProvider.get(r.provider ?? '') ?? scopes.workspace);
    if (r.redacted.length > 0) node.valuesInState = r.redacted;
    const f: ResourceFacts = { node, aliases: aliasesOf(r), dependencies: r.dependencies };
    if (r.module) f.module = r.module;
    facts.resources.push(f);
    collect(facts, r, i);
  }
  for (const out of state?.outputs ?? []) {
    facts.outputs.push({
      name: out.name,
      sensitive: out.sensitive,
      strings: out.sensitive ? [] : stringsOf(out.value),
    });
  }
  return facts;
}

interface KnownScope {
  account: string;
  region: string;
  accountFrom: ScopeSource | '';
  regionFrom: ScopeSource | '';
}

/** The single value a set holds, or '' when it holds none or several. */
function only(values: Set<string>): string {
  return values.size === 1 ? (values.values().next().value as string) : '';
}

function providerScopes(
  resources: readonly ResourceInstance[],
  hints: ScopeHints,
): { byProvider: Map<string, KnownScope>; workspace: KnownScope } {
  const seen = new Map<string, { accounts: Set<string>; regions: Set<string> }>();
  const all = { accounts: new Set<string>(), regions: new Set<string>() };
  const add = (provider: string, account: string, region: string): void => {
    let s = seen.get(provider);
    if (!s) {
      s = { accounts: new Set(), regions: new Set() };
      seen.set(provider, s);
    }
    if (isAccountId(account)) {
      s.accounts.add(account);
      all.accounts.add(account);
    }
    if (region !== '') {
      s.regions.add(region);
      all.regions.add(region);
    }
  };
  for (const r of resources) {
    const provider = r.provider ?? '';
    if (r.mode === 'data') {
      // What the provider itself says of where it runs.
      if (r.type === 'aws_caller_identity') add(provider, identity(r.attributes, 'account_id') ?? '', '');
      else if (r.type === 'aws_region')
        add(provider, '', identity(r.attributes, 'region') ?? identity(r.attributes, 'name') ?? '');
      continue;
    }
    if (BORROWED_ARN.has(r.type)) continue;
    const arn = identity(r.attributes, 'arn');
    if (arn?.startsWith('arn:')) add(provider, arnField(arn, 4), arnField(arn, 3));
  }
  const fallback = (value: string, hint: string | undefined): [string, ScopeSource | ''] =>
    value !== '' ? [value, 'workspace'] : hint ? [hint, 'manifest'] : ['', ''];
  const [wsAccount, wsAccountFrom] = fallback(only(all.accounts), hints.account);
  const [wsRegion, wsRegionFrom] = fallback(only(all.regions), hints.region);
  const workspace: KnownScope = {
    account: wsAccount,
    region: wsRegion,
    accountFrom: wsAccountFrom,
    regionFrom: wsRegionFrom,
  };
  const byProvider = new Map<string, KnownScope>();
  for (const [provider, s] of seen) {
    const account = only(s.accounts);
    const region = only(s.regions);
    byProvider.set(provider, {
      account: account || workspace.account,
      region: region || workspace.region,
      accountFrom: account ? 'workspace' : workspace.accountFrom,
      regionFrom: region ? 'workspace' : workspace.regionFrom,
    });
  }
  return { byProvider, workspace };
}

const STRENGTH: Record<ScopeSource, number> = { arn: 3, workspace: 2, manifest: 1 };

function assignScope(node: NodeAttributes, r: ResourceInstance, provider: KnownScope): void {
  let account = provider.account;
  let region = provider.region;
  let accountFrom = provider.accountFrom;
  let regionFrom = provider.regionFrom;
  // A data source's `arn` is what it looked up (maybe in another account), not where it runs.
  const own = r.mode === 'managed' && !BORROWED_ARN.has(r.type) ? node.arn : undefined;
  if (own?.startsWith('arn:')) {
    const a = arnField(own, 4);
    const g = arnField(own, 3);
    if (isAccountId(a)) {
      account = a;
      accountFrom = 'arn';
    }
    if (g !== '') {
      region = g;
      regionFrom = 'arn';
    }
  }
  if (account !== '') node.account = account;
  if (region !== '') node.region = region;
  const from = [accountFrom, regionFrom].filter((f): f is ScopeSource => f !== '');
  if (from.length > 0) node.scopeFrom = from.sort((x, y) => STRENGTH[x] - STRENGTH[y])[0] as ScopeSource;
}

/** The estate-wide linkers' facts of one resource (remote state, schedules, secrets, policies). */
function collect(facts: WorkspaceFacts, r: ResourceInstance, index: number): void {
  const a = r.attributes;
  if (r.mode === 'data') {
    if (r.type === 'terraform_remote_state') facts.remoteStates.push(remoteStateFacts(a, index));
    return;
  }
  const s: ScheduleFacts = facts.schedules;
  switch (r.type) {
    case 'aws_cloudwatch_event_rule':
    case 'aws_batch_job_definition': {
      const name = identity(a, 'name');
      if (name) (r.type === 'aws_cloudwatch_event_rule' ? s.rules : s.jobDefinitions).push({ index, name });
      break;
    }
    case 'aws_cloudwatch_event_target':
      s.targets.push({
        index,
        rule: str(a, 'rule') ?? '',
        mentions: mentionsOf({
          arn: a.arn ?? null,
          batch_target: a.batch_target ?? null,
          ecs_target: a.ecs_target ?? null,
          input: a.input ?? null,
        }),
      });
      break;
    case 'aws_scheduler_schedule':
      s.schedulers.push({ index, mentions: mentionsOf({ target: a.target ?? null }) });
      break;
    case 'aws_secretsmanager_secret_rotation':
    case 'aws_secretsmanager_secret_version': {
      const contribution = secretContribution(r, index);
      if (contribution) facts.secrets.push(contribution);
      break;
    }
    case 'aws_secretsmanager_secret':
    case 'aws_secretsmanager_secret_policy':
    case 'aws_kms_key':
    case 'aws_kms_key_policy': {
      const grant = grantOf(r);
      if (grant) facts.grants.push(grant);
      break;
    }
  }
}

/** Backend settings that locate a state; credentials (`access_key`, `token` …) are never kept. */
const LOCATION_KEYS = new Set([
  'bucket',
  'key',
  'workspace_key_prefix',
  'prefix',
  'region',
  'storage_account_name',
  'container_name',
  'organization',
  'hostname',
  'workspaces',
  'path',
  'workspace',
]);

function remoteStateFacts(a: Attributes, index: number): RemoteStateFacts {
  const config: Record<string, Value> = {};
  for (const [k, v] of Object.entries(unwrapDynamic(a.config))) if (LOCATION_KEYS.has(k)) config[k] = v;
  return {
    index,
    backend: typeof a.backend === 'string' ? a.backend : '',
    config,
    workspace: typeof a.workspace === 'string' ? a.workspace : null,
    outputs: Object.entries(unwrapDynamic(a.outputs)).map(([name, v]) => ({ name, strings: stringsOf(v) })),
  };
}

function secretContribution(r: ResourceInstance, index: number): SecretContribution | undefined {
  const a = r.attributes;
  const secretId = identity(a, 'secret_id');
  if (!secretId) return undefined;
  if (r.type === 'aws_secretsmanager_secret_rotation') {
    const rules = first(a.rotation_rules);
    const days = rules?.automatically_after_days;
    const schedule = rules ? str(rules, 'schedule_expression') : undefined;
    const lambdaArn = identity(a, 'rotation_lambda_arn');
    return {
      index,
      secretId,
      kind: 'rotation',
      rotation: {
        enabled: a.rotation_enabled !== false,
        ...(lambdaArn ? { lambdaArn } : {}),
        ...(typeof days === 'number' && days > 0 ? { days } : {}),
        ...(schedule ? { schedule } : {}),
        ...(typeof a.rotate_immediately === 'boolean' ? { immediately: a.rotate_immediately } : {}),
      },
    };
  }
  const digest = r.digests?.secret_string ?? r.digests?.secret_binary;
  return {
    index,
    secretId,
    kind: 'version',
    valueInState: r.redacted.some((p) => p === 'secret_string' || p === 'secret_binary'),
    writeOnly: a.secret_string_wo_version != null,
    ...(digest ? { valueDigest: digest } : {}),
  };
}

/** The accounts a resource policy's Allow statements name as principals. */
function grantOf(r: ResourceInstance): GrantFacts | undefined {
  const a = r.attributes;
  const arn =
    r.type === 'aws_secretsmanager_secret_policy'
      ? identity(a, 'secret_arn')
      : r.type === 'aws_kms_key_policy'
        ? identity(a, 'key_id')
        : identity(a, 'arn');
  const policy = a.policy;
  if (!arn || typeof policy !== 'string' || !policy.trimStart().startsWith('{')) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return undefined;
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const accounts = new Set<string>();
  for (const st of statements as { Effect?: unknown; Principal?: unknown }[]) {
    if (!st || typeof st !== 'object' || st.Effect !== 'Allow') continue;
    const p = st.Principal;
    const principals =
      p === '*' ? ['*'] : p && typeof p === 'object' ? list((p as { AWS?: unknown }).AWS) : [];
    for (const principal of principals) {
      if (principal === '*') accounts.add('*');
      else if (isAccountId(principal)) accounts.add(principal);
      else {
        const account = parseArn(principal)?.account ?? '';
        if (isAccountId(account)) accounts.add(account);
      }
    }
  }
  return accounts.size > 0 ? { arn, accounts: [...accounts].sort() } : undefined;
}

function list(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function mentionsOf(value: Record<string, Value>): Mention[] {
  const out: Mention[] = [];
  walkStrings(value, '', (s, pathOf) => {
    out.push({ path: pathOf(), value: s });
  });
  return out;
}

function stringsOf(value: Value): string[] {
  const out: string[] = [];
  walkStrings(value, '', (s) => {
    if (out.length < MAX_STRINGS) out.push(s);
  });
  return out;
}

function isDynamic(v: Value): v is { value: Value; type: Value } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && 'value' in v && 'type' in v;
}

/** Dynamic-typed attributes (`config`, `outputs`) are stored as `{value, type}` in state v4. */
export function unwrapDynamic(v: Value | undefined): Record<string, Value> {
  const inner = v && isDynamic(v) ? v.value : v;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, Value>) : {};
}
