import { addEvidence } from '../graph/estate-graph.js';
import { nodeId } from '../model/node-id.js';
import type { LinkContext } from './link-context.js';

/** Terraform's own `dependencies` (state) and `depends_on` (show-json): intra-config edges. */
export function linkDependencies(ctx: LinkContext): void {
  for (const { id, workspace, resource } of ctx.instances) {
    for (const dep of resource.dependencies) {
      const targets = ctx.graph.hasNode(nodeId(workspace.name, dep))
        ? [nodeId(workspace.name, dep)]
        : (ctx.byConfigAddress.get(workspace.name)?.get(dep) ?? []);
      for (const to of targets) {
        // With HCL, the exact outputs a resource reads are known (linkConfigReferences); Terraform's
        // transitive `dependencies` on the whole remote state would make it read every output.
        if (workspace.config && ctx.graph.getNodeAttributes(to).type === 'terraform_remote_state') continue;
        if (
          addEvidence(ctx.graph, id, to, {
            kind: 'depends_on',
            attribute: 'dependencies',
            confidence: 'reference',
          })
        ) {
          ctx.stats.edges.depends_on = (ctx.stats.edges.depends_on ?? 0) + 1;
        }
      }
    }
  }
}
