import { nodeId } from '../model/node-id.js';
import { configResolver, scopeAttributes, sourceOf } from './config-resolver.js';
import { allScopes, inScope, rootScope } from './config-scope.js';
import type { LinkContext } from './link-context.js';

/**
 * A provider configuration that reads something (`password = data.aws_secretsmanager_secret_version.db.secret_string`,
 * an ephemeral value, a variable or local fed by one): a node `provider.<name>[.<alias>]` linked to
 * what it reads, and every resource it manages linked to it. Terraform configures every provider
 * before it plans: when that read fails, the workspace's next plan fails.
 */
export function linkProviders(ctx: LinkContext): void {
  const resolver = configResolver(ctx);
  for (const { model: ws, ids } of ctx.units) {
    if (!ws.config) continue;
    const consumer = resolver.consumerScope(ws.name);
    for (const scope of allScopes(rootScope(ws.name, ws.config))) {
      for (const block of scope.config.blocks) {
        if (block.kind !== 'provider' || !block.type) continue;
        const reads = block.references.flatMap(({ attribute, ref }) =>
          resolver.resolve(scope, ref, { literals: false, consumer }).map((t) => ({ attribute, t })),
        );
        if (reads.length === 0) continue;
        const address = inScope(scope, block.address);
        const id = nodeId(ws.name, address);
        const type = scope.config.providerTypes?.[block.type] ?? block.type;
        resolver.ensureNode(id, {
          kind: 'provider',
          workspace: ws.name,
          address,
          label: address,
          type,
          ...sourceOf(block),
          ...scopeAttributes(consumer),
        });
        for (const { attribute, t } of reads) {
          ctx.sink.edge(id, t.to, {
            kind: t.kind,
            attribute,
            confidence: t.confidence,
            evidence: t.evidence,
          });
        }
        const alias = block.address.split('.')[2] ?? '';
        for (const resource of ids) {
          if (!resource) continue;
          const provider = ctx.graph.getNodeAttribute(resource, 'provider');
          if (provider && manages(provider, scope.path, type, alias)) {
            ctx.sink.edge(resource, id, {
              kind: 'managed_by',
              attribute: 'provider',
              confidence: 'reference',
              evidence: provider,
            });
          }
        }
      }
    }
  }
}

const PROVIDER = /^(?:(module\..+?)\.)?provider\["([^"]+)"\](?:\.([^.]+))?$/;

/**
 * Whether a state instance's provider address (`provider["registry.terraform.io/cyrilgdn/postgresql"].admin`,
 * `module.a.provider[…]` for a module's own) is the provider configuration `type`/`alias` of module `path`.
 */
function manages(provider: string, path: string, type: string, alias: string): boolean {
  const m = PROVIDER.exec(provider);
  if (!m) return false;
  const source = m[2] ?? '';
  return (
    (m[1] ?? '') === path &&
    source.slice(source.lastIndexOf('/') + 1).toLowerCase() === type.toLowerCase() &&
    (m[3] ?? '') === alias
  );
}
