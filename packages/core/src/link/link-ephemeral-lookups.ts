import { arnField } from './arn.js';
import { configResolver } from './config-resolver.js';
import { allScopes, rootScope } from './config-scope.js';
import type { NamedService } from './identity-index.js';
import type { LinkContext } from './link-context.js';
import { sinkLookup } from './sink-lookup.js';

/** The arguments an ephemeral resource names what it reads by. */
const LOOKUP_ARGUMENTS = ['secret_id', 'arn', 'name'];

/** The service whose names an ephemeral resource type takes. */
function serviceOf(type: string): NamedService | undefined {
  if (type.startsWith('aws_secretsmanager_')) return 'secretsmanager';
  if (type.startsWith('aws_ssm_')) return 'ssm';
  if (type.startsWith('aws_kms_')) return 'kms';
  return undefined;
}

/**
 * An ephemeral resource (`ephemeral "aws_secretsmanager_secret_version"`, `"aws_ssm_parameter"`)
 * that names what it reads by a literal: linked to that secret or parameter as AWS resolves the
 * name, in its workspace's account and region, like a lookup data source. Ephemeral resources are
 * in no state: this and their references (linked by config-references) are all there is of them.
 * A name nothing in the estate answers to is kept on the node, as a data source's would be.
 */
export function linkEphemeralLookups(ctx: LinkContext): void {
  const resolver = configResolver(ctx);
  for (const { model: ws } of ctx.units) {
    if (!ws.config) continue;
    const consumer = resolver.consumerScope(ws.name);
    for (const scope of allScopes(rootScope(ws.name, ws.config))) {
      for (const block of scope.config.blocks) {
        if (block.kind !== 'ephemeral' || !block.type) continue;
        const service = serviceOf(block.type);
        const ids = resolver.ids(scope, block.address);
        for (const argument of LOOKUP_ARGUMENTS) {
          const value = block.literals[argument];
          if (value === undefined) continue;
          const matches = ctx.index.match(value, consumer, service);
          for (const id of ids) {
            sinkLookup(ctx.sink, id, matches, argument, value);
            if (matches.length > 0 || service === undefined) continue;
            if (ctx.index.existsElsewhere(value, consumer).length > 0)
              ctx.sink.unresolved(id, 'out_of_scope', [value]);
            else if (value.startsWith('arn:') && !ctx.index.isEstateAccount(arnField(value, 4)))
              ctx.sink.unresolved(id, 'outside_estate', [value]);
            else ctx.sink.missing(id, [value]);
          }
        }
      }
    }
  }
}
