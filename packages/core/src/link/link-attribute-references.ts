import { addEvidence } from '../graph/estate-graph.js';
import type { EdgeKind } from '../model/graph-types.js';
import type { LinkContext } from './link-context.js';
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
export function linkAttributeReferences(ctx: LinkContext): void {
  for (const { id, resource } of ctx.instances) {
    const missing = new Set<string>();
    let lookedUp = false;
    const isLookup = resource.mode === 'data' && LOOKUP_TYPES.has(resource.type);
    for (const [key, value] of Object.entries(resource.attributes)) {
      if (POLICY_ATTRIBUTES.has(key) || key === 'id' || key === 'outputs' || key === 'config') continue;
      walkStrings(value, key, (s, pathOf) => {
        const matches = ctx.index.match(s);
        if (matches.length === 0 && isSecretReference(s, ctx))
          missing.add(s.split(':').slice(0, 7).join(':'));
        if (matches.length === 0) return;
        lookedUp = true;
        const path = pathOf();
        for (const m of matches) {
          const kind = m.via ?? edgeKind(resource.mode, resource.type, key, path);
          if (
            addEvidence(ctx.graph, id, m.id, {
              kind,
              attribute: path,
              confidence: m.confidence,
              evidence: m.matched,
            })
          ) {
            ctx.stats.edges[kind] = (ctx.stats.edges[kind] ?? 0) + 1;
          }
        }
      });
    }
    if (isLookup && !lookedUp) {
      const a = resource.attributes;
      const wanted = [a.secret_id, a.name, a.arn, a.key_id].find(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      if (wanted) missing.add(wanted);
    }
    if (missing.size > 0) {
      ctx.graph.mergeNodeAttributes(id, { missingRefs: [...missing].sort() });
      ctx.stats.unresolved.secret_reference = (ctx.stats.unresolved.secret_reference ?? 0) + missing.size;
    }
  }
}

/** A Secrets Manager or SSM parameter ARN in an account of the estate: it should resolve. */
function isSecretReference(s: string, ctx: LinkContext): boolean {
  if (!s.startsWith('arn:')) return false;
  const parts = s.split(':');
  const service = parts[2];
  if (service !== 'secretsmanager' && !(service === 'ssm' && parts[5]?.startsWith('parameter/')))
    return false;
  if (service === 'secretsmanager' && parts[5] !== 'secret') return false;
  if (/[*?]/.test(s)) return false;
  return ctx.index.isEstateAccount(parts[4] ?? '');
}

function edgeKind(mode: 'managed' | 'data', type: string, key: string, path: string): EdgeKind {
  if (mode === 'data' && LOOKUP_TYPES.has(type)) return 'lookup';
  if (type === 'aws_secretsmanager_secret_rotation' && key === 'secret_id') return 'rotates';
  if (type === 'aws_secretsmanager_secret_policy' && key === 'secret_arn') return 'policy_grants';
  const last = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  if (KMS_ATTRIBUTES.has(last)) return 'encrypts';
  return 'arn_reference';
}
