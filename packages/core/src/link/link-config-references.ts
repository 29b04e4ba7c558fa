import type { EdgeKind } from '../model/graph-types.js';
import { nodeId } from '../model/node-id.js';
import { configResolver } from './config-resolver.js';
import { allScopes, rootScope } from './config-scope.js';
import type { LinkContext } from './link-context.js';

/**
 * HCL references (from `getReferencesInExpression`), in the root module and in every local module:
 * resource → resource (through locals too), output → what it exposes, a consumer → the exact
 * producer output it reads through a remote state, a resource in a module → the module call
 * whose input it uses (which links to what it is passed), an ephemeral resource → what it reads.
 */
export function linkConfigReferences(ctx: LinkContext): void {
  const resolver = configResolver(ctx);
  for (const { model: ws } of ctx.units) {
    if (!ws.config) continue;
    const consumer = resolver.consumerScope(ws.name);
    for (const scope of allScopes(rootScope(ws.name, ws.config))) {
      for (const block of scope.config.blocks) {
        let from: string[];
        if (block.kind === 'output') {
          // Only the root module's outputs are in state; one the state lacks is not linked.
          const id = nodeId(ws.name, block.address);
          from = scope.path === '' && ctx.graph.hasNode(id) ? [id] : [];
        } else if (block.kind === 'resource' || block.kind === 'data' || block.kind === 'ephemeral') {
          from = resolver.ids(scope, block.address);
        } else continue;
        if (from.length === 0) continue;
        // An ephemeral resource is in no state: what its references lead to is all there is of it.
        const options = { literals: block.kind === 'ephemeral', consumer, literalKind: 'lookup' as const };
        for (const { attribute, ref } of block.references) {
          for (const t of resolver.resolve(scope, ref, options)) {
            const kind: EdgeKind = block.kind === 'output' && t.kind === 'depends_on' ? 'output_of' : t.kind;
            for (const f of from) {
              ctx.sink.edge(f, t.to, {
                kind,
                attribute: attribute || 'value',
                confidence: t.confidence,
                evidence: t.evidence,
                ...(t.candidates ? { candidates: t.candidates } : {}),
              });
            }
          }
        }
      }
    }
  }
}
