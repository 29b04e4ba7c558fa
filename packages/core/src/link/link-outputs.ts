import { nodeId } from '../model/node-id.js';
import type { LinkContext } from './link-context.js';
import { scopeOf } from './scope.js';

/**
 * Output → the resource behind it, by value, for outputs that HCL did not explain:
 * an output holding a known ARN or name is that resource's; an output holding a value read
 * from a remote state is a passthrough of that reader.
 */
export function linkOutputsByValue(ctx: LinkContext): void {
  for (const { model, facts, ids } of ctx.units) {
    const scope = scopeOf({ account: facts.account, region: facts.region });
    for (const out of facts.outputs) {
      const id = nodeId(model.name, `output.${out.name}`);
      if (!ctx.graph.hasNode(id) || ctx.graph.outDegree(id) > 0) continue;
      let linked = false;
      for (const value of out.strings) {
        for (const m of ctx.index.match(value, scope)) {
          if (m.id === '') continue;
          ctx.sink.edge(id, m.id, {
            kind: 'output_of',
            attribute: 'value',
            confidence: m.confidence,
            evidence: m.matched,
            ...(m.candidates ? { candidates: m.candidates } : {}),
          });
          linked = true;
        }
        if (linked) continue;
        for (const reader of facts.remoteStates) {
          const readerId = ids[reader.index];
          if (!readerId) continue;
          for (const copy of reader.outputs) {
            if (!copy.strings.includes(value)) continue;
            ctx.sink.edge(id, readerId, {
              kind: 'output_of',
              attribute: `value (= outputs.${copy.name})`,
              confidence: 'exact',
            });
            linked = true;
          }
        }
      }
    }
  }
}
