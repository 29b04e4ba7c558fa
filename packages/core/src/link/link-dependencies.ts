import { nodeId } from '../model/node-id.js';
import type { LinkContext } from './link-context.js';

/**
 * Terraform's own `dependencies` (state) and `depends_on` (show-json): intra-config edges. A
 * dependency on a `terraform_remote_state` is left to the linkers that know which outputs are
 * read: config-references with HCL, remote-state-reads without.
 */
export function linkDependencies(ctx: LinkContext): void {
  for (const { model, facts, ids } of ctx.units) {
    const local = ctx.byConfigAddress.get(model.name);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!id) continue;
      for (const dep of facts.resources[i]?.dependencies ?? []) {
        const exact = nodeId(model.name, dep);
        const targets = ctx.graph.hasNode(exact) ? [exact] : (local?.get(dep) ?? []);
        for (const to of targets) {
          if (ctx.graph.getNodeAttribute(to, 'type') === 'terraform_remote_state') continue;
          ctx.sink.edge(id, to, { kind: 'depends_on', attribute: 'dependencies', confidence: 'reference' });
        }
      }
    }
  }
}
