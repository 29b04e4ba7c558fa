import type { EdgeKind } from '../model/graph-types.js';
import { nodeId } from '../model/node-id.js';
import type { LinkContext } from './link-context.js';
import { referenceTarget } from './reference-target.js';

/**
 * HCL references (from `getReferencesInExpression`): resource → resource, output → what it
 * exposes, and a consumer → the exact producer output it reads through a remote state.
 */
export function linkConfigReferences(ctx: LinkContext): void {
  for (const { model: ws } of ctx.workspaces) {
    if (!ws.config) continue;
    const local = ctx.byConfigAddress.get(ws.name) ?? new Map<string, string[]>();
    for (const block of ws.config.blocks) {
      if (block.kind !== 'resource' && block.kind !== 'data' && block.kind !== 'output') continue;
      const from =
        block.kind === 'output' ? [nodeId(ws.name, block.address)] : (local.get(block.address) ?? []);
      if (from.length === 0) continue;
      for (const { attribute, ref } of block.references) {
        const target = referenceTarget(ref);
        if (!target) continue;
        const targets = local.get(target.block) ?? [];
        const kind: EdgeKind = block.kind === 'output' ? 'output_of' : 'depends_on';
        for (const to of targets) {
          const producer = ctx.remoteStates.get(to);
          const readsOutput = producer && target.rest[0] === 'outputs' && target.rest[1];
          const dest = readsOutput ? nodeId(producer, `output.${target.rest[1]}`) : to;
          for (const f of from) {
            // An output node exists only when the state has the output: one the state lacks is not linked.
            if (block.kind === 'output' && !ctx.graph.hasNode(f)) continue;
            ctx.sink.edge(f, dest, {
              kind: readsOutput ? 'reads_output' : kind,
              attribute: attribute || 'value',
              confidence: 'reference',
              evidence: ref,
            });
          }
        }
      }
    }
  }
}
