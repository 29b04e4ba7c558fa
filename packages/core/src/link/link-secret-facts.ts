import { first, str } from '../graph/node-facts.js';
import type { SecretFacts } from '../model/graph-types.js';
import type { LinkContext } from './link-context.js';

/**
 * Folds what other resources say about a secret onto its node: rotation (from
 * `aws_secretsmanager_secret_rotation`), whether its value sits in state or uses write-only
 * arguments, and the keyed digest of its value (from `aws_secretsmanager_secret_version`).
 */
export function linkSecretFacts(ctx: LinkContext): void {
  for (const { resource } of ctx.instances) {
    if (resource.mode !== 'managed') continue;
    const secretId = str(resource.attributes, 'secret_id');
    if (!secretId) continue;
    const target = ctx.index.match(secretId).find((m) => m.confidence !== 'wildcard');
    if (!target) continue;
    const node = ctx.graph.getNodeAttributes(target.id);
    if (!node.secret) continue;
    const facts: SecretFacts = node.secret;
    const a = resource.attributes;
    if (resource.type === 'aws_secretsmanager_secret_rotation') {
      const rules = first(a.rotation_rules);
      const days = rules?.automatically_after_days;
      const schedule = rules ? str(rules, 'schedule_expression') : undefined;
      const lambdaArn = str(a, 'rotation_lambda_arn');
      facts.rotation = {
        enabled: a.rotation_enabled !== false,
        ...(lambdaArn ? { lambdaArn } : {}),
        ...(typeof days === 'number' && days > 0 ? { days } : {}),
        ...(schedule ? { schedule } : {}),
        ...(typeof a.rotate_immediately === 'boolean' ? { immediately: a.rotate_immediately } : {}),
      };
    } else if (resource.type === 'aws_secretsmanager_secret_version') {
      const inState = resource.redacted.some((p) => p === 'secret_string' || p === 'secret_binary');
      facts.valueInState = (facts.valueInState ?? false) || inState;
      if (a.secret_string_wo_version != null) facts.writeOnly = true;
      const digest = resource.digests?.secret_string ?? resource.digests?.secret_binary;
      if (digest && !facts.valueDigest) facts.valueDigest = digest;
    }
  }
}
