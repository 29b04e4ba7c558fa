import { externalNodeId } from '../model/node-id.js';
import type { Value } from '../model/workspace.js';
import { parseArn } from './arn.js';
import type { EvidenceSink } from './evidence-sink.js';
import type { IdentityIndex } from './identity-index.js';
import { POLICY_ATTRIBUTES } from './link-attribute-references.js';
import type { WorkspaceUnit } from './link-context.js';
import type { Scope } from './scope.js';

/** Resource policies: their `Resource` is the thing they are attached to, not a pattern over the estate. */
const RESOURCE_POLICY_TYPES = new Set([
  'aws_secretsmanager_secret',
  'aws_secretsmanager_secret_policy',
  'aws_s3_bucket',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_ecr_repository',
  'aws_kms_key',
  'aws_kms_key_policy',
  'aws_s3_bucket_policy',
  'aws_sqs_queue_policy',
  'aws_sns_topic_policy',
  'aws_ecr_repository_policy',
]);

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: string | { AWS?: string | string[] };
}

/**
 * IAM and resource policies, statement by statement: `Resource` patterns (with wildcards) →
 * `iam_grant`; `Principal` accounts outside the estate → external nodes that consume the
 * secret (or key) the policy is attached to (`policy_grants`).
 */
export function linkPolicies(unit: WorkspaceUnit, index: IdentityIndex, sink: EvidenceSink): void {
  const { instances } = unit;
  // Refreshed state repeats each aws_iam_role_policy inside its role's `inline_policy`: read it once.
  const rolePolicies = new Set(
    instances
      .filter(
        (i) => i.resource.type === 'aws_iam_role_policy' && typeof i.resource.attributes.role === 'string',
      )
      .map((i) => String(i.resource.attributes.role).replace(/^.*\//, '')),
  );
  for (const { id, resource, scope } of instances) {
    const roleName = typeof resource.attributes.name === 'string' ? resource.attributes.name : '';
    const skipInline = resource.type === 'aws_iam_role' && rolePolicies.has(roleName);
    const ambiguous: string[] = [];
    const attributes = resource.attributes;
    for (const key in attributes) {
      if (!POLICY_ATTRIBUTES.has(key) || key === 'statement' || (skipInline && key === 'inline_policy'))
        continue;
      const value = attributes[key] as Value;
      for (const [path, doc] of documents(value, key)) {
        const statements = Array.isArray(doc.Statement)
          ? doc.Statement
          : doc.Statement
            ? [doc.Statement]
            : [];
        statements.forEach((st: Statement, i) => {
          if (!st || typeof st !== 'object' || st.Effect === 'Deny') return;
          const actions = list(st.Action);
          const patterns = RESOURCE_POLICY_TYPES.has(resource.type) ? [] : list(st.Resource);
          const services = new Set(
            actions.map((a) => (a === '*' ? '*' : a.slice(0, a.indexOf(':')).toLowerCase())),
          );
          if (actions.length === 0 || [...services].some((s) => s.includes('*'))) services.add('*');
          for (const pattern of patterns) {
            const { matches, ambiguousAccounts } = index.matchPattern(pattern, services, scope);
            if (ambiguousAccounts > 0) ambiguous.push(pattern);
            for (const m of matches) {
              const evidence = `${actions.slice(0, 3).join(',')}${actions.length > 3 ? ',…' : ''} on ${pattern}`;
              sink.edge(id, m.id, {
                kind: 'iam_grant',
                attribute: `${path}.Statement[${i}].Resource`,
                confidence: m.confidence,
                evidence,
                ...(m.candidates ? { candidates: m.candidates } : {}),
              });
            }
          }
          linkPrincipals(
            index,
            sink,
            id,
            scope,
            resource.attributes,
            st,
            `${path}.Statement[${i}].Principal`,
            actions,
          );
        });
      }
    }
    // A pattern over several accounts, from a policy whose own account is unknown: linking it would
    // fan out to every account; it is counted instead.
    if (ambiguous.length > 0) sink.unresolved(id, 'ambiguous_pattern', [...new Set(ambiguous)].sort());
  }
}

function linkPrincipals(
  index: IdentityIndex,
  sink: EvidenceSink,
  policyId: string,
  scope: Scope,
  attributes: Record<string, Value>,
  st: Statement,
  path: string,
  actions: string[],
): void {
  const principal = st.Principal;
  const aws =
    typeof principal === 'object' && principal ? list(principal.AWS) : principal === '*' ? ['*'] : [];
  if (aws.length === 0) return;
  // What the policy protects: a secret policy's `secret_arn`, or the key a key policy sits on.
  const protectedArn =
    typeof attributes.secret_arn === 'string'
      ? attributes.secret_arn
      : typeof attributes.arn === 'string'
        ? attributes.arn
        : '';
  const targets = protectedArn
    ? index
        .match(protectedArn, scope)
        .filter((m) => m.id !== '' && m.confidence !== 'ambiguous')
        .map((m) => m.id)
    : [];
  for (const p of aws) {
    const account = p === '*' ? '*' : /^\d{12}$/.test(p) ? p : (parseArn(p)?.account ?? '');
    if (account !== '*' && (account === '' || index.isEstateAccount(account))) continue;
    const ext = externalNodeId(p);
    sink.external(ext, {
      kind: 'external',
      workspace: 'external',
      address: p,
      label: p === '*' ? 'anyone (Principal "*")' : p,
      account,
    });
    for (const to of [...targets, policyId]) {
      sink.edge(ext, to, {
        kind: 'policy_grants',
        attribute: path,
        confidence: 'exact',
        evidence: `${actions.slice(0, 3).join(',')} granted to ${p}`,
      });
    }
  }
}

function documents(value: Value, key: string): [string, { Statement?: Statement | Statement[] }][] {
  const out: [string, { Statement?: Statement | Statement[] }][] = [];
  const visit = (v: Value, path: string): void => {
    if (typeof v === 'string' && v.trimStart().startsWith('{')) {
      try {
        const doc = JSON.parse(v) as { Statement?: Statement | Statement[] };
        if (doc && typeof doc === 'object' && 'Statement' in doc) out.push([path, doc]);
      } catch {
        // Not JSON: a policy Terraform could not have accepted; nothing to link.
      }
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) visit(x, `${path}[${i}]`);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`);
  };
  visit(value, key);
  return out;
}

function list(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
