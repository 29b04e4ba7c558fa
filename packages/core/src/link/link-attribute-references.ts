import { BORROWED_ARN, NAME_ATTRIBUTE } from '../graph/node-facts.js';
import { KUBERNETES_RESOURCE_TYPES } from '../impact/consumer-kind.js';
import type { EdgeKind } from '../model/graph-types.js';
import { REDACTED } from '../model/workspace.js';
import { arnField } from './arn.js';
import type { EvidenceSink } from './evidence-sink.js';
import type { IdentityIndex, IdentityMatch, NamedService } from './identity-index.js';
import type { FileInstance, WorkspaceUnit } from './link-context.js';
import { walkStrings } from './walk-strings.js';

/** Policy documents are read statement by statement by {@link linkPolicies}. */
export const POLICY_ATTRIBUTES = new Set([
  'policy',
  'assume_role_policy',
  'json',
  'minified_json',
  'inline_policy',
  'statement',
  'source_policy_documents',
  'override_policy_documents',
  'source_json',
  'override_json',
]);

/** Data sources that look a secret, parameter or key up, and the service whose names they take. */
const LOOKUP_TYPES: Record<string, NamedService> = {
  aws_secretsmanager_secret: 'secretsmanager',
  aws_secretsmanager_secret_version: 'secretsmanager',
  aws_secretsmanager_secrets: 'secretsmanager',
  aws_ssm_parameter: 'ssm',
  aws_kms_key: 'kms',
  aws_kms_alias: 'kms',
};

/** The attributes a lookup names its target by, when its state has no ARN of what it found. */
const LOOKUP_KEYS = ['secret_id', 'name', 'key_id'];

const KMS_ATTRIBUTES = new Set([
  'kms_key_id',
  'kms_key_arn',
  'kms_master_key_id',
  'key_id',
  'target_key_id',
  'kms_key',
]);

/**
 * A Kubernetes object's manifest and a chart's values: with configuration, the kubernetes linker
 * reads the secrets they name where the cluster resolves them (its store's region), not here.
 */
const KUBERNETES_OBJECT = new Set([
  'manifest',
  'object',
  'yaml_body',
  'yaml_body_parsed',
  'yaml_incluster',
  'values',
  'set',
]);

/** Attributes that are a managed resource's own identity, not a reference to another. */
const OWN_IDENTITY = new Set(['id', 'arn', 'name', 'name_prefix']);

/**
 * Any string attribute — JSON-encoded ones parsed — holding the ARN or name of a known
 * resource: ECS `secrets[].valueFrom`, Lambda environments, Batch `container_properties`,
 * `kms_key_id`, rotation and secret-policy targets. Names resolve in the instance's own
 * account and region. A lookup data source whose state records the ARN it found links by
 * that ARN and nothing else; without one, by its `secret_id` / `name` / `key_id`.
 */
export function linkAttributeReferences(unit: WorkspaceUnit, index: IdentityIndex, sink: EvidenceSink): void {
  // One visitor for every leaf of every resource: its per-resource state lives in `at`.
  const at = {
    instance: unit.instances[0] as FileInstance,
    key: '',
    service: undefined as NamedService | undefined,
    missing: null as Set<string> | null,
    elsewhere: null as Set<string> | null,
    ambiguous: null as Set<string> | null,
    outside: null as Set<string> | null,
    unknown: null as Set<string> | null,
    lookedUp: false,
  };
  const add = (set: 'missing' | 'elsewhere' | 'ambiguous' | 'outside' | 'unknown', ref: string): void => {
    let s = at[set];
    if (s === null) {
      s = new Set();
      at[set] = s;
    }
    s.add(ref);
  };
  const visit = (s: string, pathOf: () => string): void => {
    const { instance } = at;
    const matches = index.match(s, instance.scope, at.service);
    if (matches.length === 0) {
      if (index.existsElsewhere(s, instance.scope).length > 0) add('elsewhere', s);
      else if (isSecretReference(s, index)) add('missing', s.split(':').slice(0, 7).join(':'));
      else if (isForeignSecretArn(s, index)) add('outside', s.split(':').slice(0, 7).join(':'));
      // An ECS/Batch secret's `valueFrom` names a secret or parameter whatever it holds: kept, so
      // a plan of a workspace the estate does not know yet can find this consumer.
      else if (!s.startsWith('arn:') && pathOf().endsWith('valueFrom')) add('unknown', s);
      return;
    }
    at.lookedUp = true;
    const path = pathOf();
    for (const m of matches) {
      if (m.id === '') {
        add('ambiguous', s);
        continue;
      }
      sink.edge(instance.id, m.id, edgeOf(instance, at.key, path, m));
    }
  };
  for (const instance of unit.instances) {
    const resource = instance.resource;
    at.instance = instance;
    at.missing = null;
    at.elsewhere = null;
    at.ambiguous = null;
    at.outside = null;
    at.unknown = null;
    at.lookedUp = false;
    const service = resource.mode === 'data' ? LOOKUP_TYPES[resource.type] : undefined;
    at.service = service;
    const attributes = resource.attributes;
    const found = service !== undefined ? lookupArn(attributes) : undefined;
    if (found !== undefined) {
      // What the data source found is on record: it reads that, whatever name it asked for.
      at.key = 'arn';
      at.service = undefined;
      walkStrings(found, typeof found === 'string' ? 'arn' : 'arns', visit);
    } else {
      const own = resource.mode === 'managed' ? (NAME_ATTRIBUTE[resource.type] ?? 'name') : '';
      // A target's or a version's `arn` names what it points at: a reference, not its own identity.
      const borrowed = BORROWED_ARN.has(resource.type);
      const kubernetes = unit.hasConfig && KUBERNETES_RESOURCE_TYPES.has(resource.type);
      for (const key in attributes) {
        if (POLICY_ATTRIBUTES.has(key) || key === 'id' || key === 'outputs' || key === 'config') continue;
        if (kubernetes && KUBERNETES_OBJECT.has(key)) continue;
        if (own !== '' && (key === own || (OWN_IDENTITY.has(key) && !(borrowed && key === 'arn')))) continue;
        if (service !== undefined && !LOOKUP_KEYS.includes(key)) continue;
        const value = attributes[key];
        // Numbers, booleans and nulls name nothing: skip them without a walk.
        if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
          continue;
        at.key = key;
        walkStrings(value, key, visit);
      }
    }
    if (service !== undefined && !at.lookedUp && at.missing === null) {
      const a = resource.attributes;
      const wanted = [typeof found === 'string' ? found : undefined, ...LOOKUP_KEYS.map((k) => a[k])].find(
        (v): v is string => typeof v === 'string' && v !== '' && v !== REDACTED,
      );
      const placed = [at.elsewhere, at.ambiguous, at.outside, at.unknown].some((x) => x !== null);
      if (wanted && !placed) add('missing', wanted);
    }
    const { missing, elsewhere, ambiguous, outside, unknown } = at as {
      missing: Set<string> | null;
      elsewhere: Set<string> | null;
      ambiguous: Set<string> | null;
      outside: Set<string> | null;
      unknown: Set<string> | null;
    };
    if (missing !== null && missing.size > 0) sink.missing(instance.id, [...missing].sort());
    if (elsewhere !== null) sink.unresolved(instance.id, 'out_of_scope', [...elsewhere].sort());
    if (ambiguous !== null) sink.unresolved(instance.id, 'ambiguous', [...ambiguous].sort());
    if (outside !== null) sink.unresolved(instance.id, 'outside_estate', [...outside].sort());
    if (unknown !== null) sink.unresolved(instance.id, 'unknown_name', [...unknown].sort());
  }
}

/** The ARN (or, for `aws_secretsmanager_secrets`, ARNs) a lookup data source's state says it found. */
function lookupArn(attributes: FileInstance['resource']['attributes']): string | string[] | undefined {
  const arn = attributes.arn;
  if (typeof arn === 'string' && arn.startsWith('arn:')) return arn;
  const arns = attributes.arns;
  if (
    Array.isArray(arns) &&
    arns.length > 0 &&
    arns.every((x) => typeof x === 'string' && x.startsWith('arn:'))
  )
    return arns as string[];
  return undefined;
}

/** A secret, parameter or key ARN (no pattern) in an account outside the estate. */
function isForeignSecretArn(s: string, index: IdentityIndex): boolean {
  if (!s.startsWith('arn:') || /[*?]/.test(s)) return false;
  const service = arnField(s, 2);
  if (service !== 'secretsmanager' && service !== 'ssm' && service !== 'kms') return false;
  const account = arnField(s, 4);
  return account !== '' && !index.isEstateAccount(account);
}

function edgeOf(instance: FileInstance, key: string, path: string, m: IdentityMatch) {
  const kind = m.via ?? edgeKind(instance, key, path);
  const evidence = m.crossAccount ? `${m.matched} (another account's full ARN)` : m.matched;
  return m.candidates
    ? { kind, attribute: path, confidence: m.confidence, evidence, candidates: m.candidates }
    : { kind, attribute: path, confidence: m.confidence, evidence };
}

/** A Secrets Manager or SSM parameter ARN in an account of the estate: it should resolve. */
function isSecretReference(s: string, index: IdentityIndex): boolean {
  if (!s.startsWith('arn:') || !(s.includes(':secretsmanager:') || s.includes(':ssm:'))) return false;
  const parts = s.split(':');
  const service = parts[2];
  if (service !== 'secretsmanager' && !(service === 'ssm' && parts[5]?.startsWith('parameter/')))
    return false;
  if (service === 'secretsmanager' && parts[5] !== 'secret') return false;
  if (/[*?]/.test(s)) return false;
  return index.isEstateAccount(parts[4] ?? '');
}

function edgeKind(instance: FileInstance, key: string, path: string): EdgeKind {
  const { mode, type } = instance.resource;
  if (mode === 'data' && LOOKUP_TYPES[type] !== undefined) return 'lookup';
  if (type === 'aws_secretsmanager_secret_rotation' && key === 'secret_id') return 'rotates';
  if (type === 'aws_secretsmanager_secret_policy' && key === 'secret_arn') return 'policy_grants';
  const last = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  if (KMS_ATTRIBUTES.has(last)) return 'encrypts';
  return 'arn_reference';
}
