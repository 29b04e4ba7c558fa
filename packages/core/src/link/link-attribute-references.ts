import type { EdgeKind } from '../model/graph-types.js';
import type { EvidenceSink } from './evidence-sink.js';
import type { IdentityIndex } from './identity-index.js';
import type { FileInstance } from './link-context.js';
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

const LOOKUP_TYPES = new Set([
  'aws_secretsmanager_secret',
  'aws_secretsmanager_secret_version',
  'aws_secretsmanager_secrets',
  'aws_ssm_parameter',
  'aws_kms_key',
  'aws_kms_alias',
]);

const KMS_ATTRIBUTES = new Set([
  'kms_key_id',
  'kms_key_arn',
  'kms_master_key_id',
  'key_id',
  'target_key_id',
  'kms_key',
]);

/**
 * Any string attribute — JSON-encoded ones parsed — holding the ARN or name of a known
 * resource: ECS `secrets[].valueFrom`, Lambda environments, Batch `container_properties`,
 * data-source `secret_id`/`name`, `kms_key_id`, rotation and secret-policy targets.
 */
export function linkAttributeReferences(
  instances: readonly FileInstance[],
  index: IdentityIndex,
  sink: EvidenceSink,
): void {
  // One visitor for every leaf of every resource: its per-resource state lives in `at`.
  const at = {
    id: '',
    resource: instances[0]?.resource as FileInstance['resource'],
    key: '',
    missing: null as Set<string> | null,
    lookedUp: false,
  };
  const addMissing = (ref: string): void => {
    if (at.missing === null) at.missing = new Set();
    at.missing.add(ref);
  };
  const visit = (s: string, pathOf: () => string): void => {
    const matches = index.match(s);
    if (matches.length === 0) {
      if (isSecretReference(s, index)) addMissing(s.split(':').slice(0, 7).join(':'));
      return;
    }
    at.lookedUp = true;
    const path = pathOf();
    for (const m of matches) {
      const kind = m.via ?? edgeKind(at.resource.mode, at.resource.type, at.key, path);
      sink.edge(at.id, m.id, { kind, attribute: path, confidence: m.confidence, evidence: m.matched });
    }
  };
  for (const { id, resource } of instances) {
    at.id = id;
    at.resource = resource;
    at.missing = null;
    at.lookedUp = false;
    const isLookup = resource.mode === 'data' && LOOKUP_TYPES.has(resource.type);
    const attributes = resource.attributes;
    for (const key in attributes) {
      if (POLICY_ATTRIBUTES.has(key) || key === 'id' || key === 'outputs' || key === 'config') continue;
      const value = attributes[key];
      // Numbers, booleans and nulls name nothing: skip them without a walk.
      if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
        continue;
      at.key = key;
      walkStrings(value, key, visit);
    }
    if (isLookup && !at.lookedUp) {
      const a = resource.attributes;
      const wanted = [a.secret_id, a.name, a.arn, a.key_id].find(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      if (wanted) addMissing(wanted);
    }
    const missing = at.missing as Set<string> | null;
    if (missing !== null && missing.size > 0) sink.missing(id, [...missing].sort());
  }
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

function edgeKind(mode: 'managed' | 'data', type: string, key: string, path: string): EdgeKind {
  if (mode === 'data' && LOOKUP_TYPES.has(type)) return 'lookup';
  if (type === 'aws_secretsmanager_secret_rotation' && key === 'secret_id') return 'rotates';
  if (type === 'aws_secretsmanager_secret_policy' && key === 'secret_arn') return 'policy_grants';
  const last = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  if (KMS_ATTRIBUTES.has(last)) return 'encrypts';
  return 'arn_reference';
}
