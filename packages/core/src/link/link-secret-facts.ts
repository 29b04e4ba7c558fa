import type { LinkContext } from './link-context.js';
import { scopeOf } from './scope.js';

/**
 * Folds what other resources say about a secret onto its node: rotation (from
 * `aws_secretsmanager_secret_rotation`), whether its value sits in state or uses write-only
 * arguments, and the keyed digest of its value (from `aws_secretsmanager_secret_version`).
 */
export function linkSecretFacts(ctx: LinkContext): void {
  for (const { facts, ids } of ctx.units) {
    for (const c of facts.secrets) {
      const node = facts.resources[c.index]?.node;
      if (!ids[c.index] || !node) continue;
      const target = ctx.index.match(c.secretId, scopeOf(node)).find((m) => m.id !== '' && !m.candidates);
      if (!target) continue;
      if (ctx.graph.getNodeAttribute(target.id, 'secret')) ctx.sink.secretFact(target.id, c);
    }
  }
}
