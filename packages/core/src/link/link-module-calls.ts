import { configResolver } from './config-resolver.js';
import { allScopes, childScope, inScope, rootScope } from './config-scope.js';
import type { LinkContext } from './link-context.js';

/**
 * A module call whose source is not on disk (the registry, git): the resources inside are
 * unknown, so the call itself is the consumer of what its inputs are passed — a secret's ARN or
 * name, a remote-state output. (A local module's call is linked when a resource inside uses the
 * input: {@link linkConfigReferences}.)
 */
export function linkModuleCalls(ctx: LinkContext): void {
  const resolver = configResolver(ctx);
  for (const { model: ws } of ctx.units) {
    if (!ws.config) continue;
    for (const scope of allScopes(rootScope(ws.name, ws.config))) {
      for (const block of scope.config.blocks) {
        if (block.kind !== 'module' || childScope(scope, block.name)) continue;
        resolver.moduleInputs(scope, block, inScope(scope, block.address), 0);
      }
    }
  }
}
