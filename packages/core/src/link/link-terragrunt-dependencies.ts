import { diagnostic } from '../model/diagnostic.js';
import { nodeId } from '../model/node-id.js';
import type { LinkContext } from './link-context.js';

/**
 * A Terragrunt unit's `dependency "x" { config_path = "../secrets" }`: its node is linked to the
 * unit it reads (as a remote state reader is) and to each output its `inputs` use
 * (`dependency.x.outputs.y`). Terragrunt reads those outputs from the producer's state at every
 * plan: one the producer does not have fails the unit's next plan, and is reported so. A
 * dependency on a directory that is not a unit of the estate is counted and reported.
 */
export function linkTerragruntDependencies(ctx: LinkContext): void {
  for (const { model: ws } of ctx.units) {
    const unit = ws.terragrunt;
    if (!unit) continue;
    for (const dependency of unit.dependencies) {
      const id = nodeId(ws.name, `dependency.${dependency.name}`);
      const producer = dependency.workspace;
      if (!producer || !ctx.graph.hasNode(producer)) {
        ctx.stats.unresolved.terragrunt_dependency = (ctx.stats.unresolved.terragrunt_dependency ?? 0) + 1;
        ctx.diagnostics.push(
          diagnostic(
            'warning',
            'link.unresolved-terragrunt-dependency',
            `dependency.${dependency.name} reads ${dependency.configPath ?? 'a config_path that cannot be evaluated statically'}, which is not a unit of the estate`,
            { workspace: ws.name, file: dependency.file },
          ),
        );
        continue;
      }
      ctx.sink.edge(id, producer, {
        kind: 'remote_state',
        attribute: 'config_path',
        confidence: 'exact',
        evidence: dependency.configPath ?? producer,
      });
      for (const input of unit.inputs) {
        for (const read of input.reads) {
          if (read.dependency !== dependency.name) continue;
          ctx.sink.edge(id, nodeId(producer, `output.${read.output}`), {
            kind: 'reads_output',
            attribute: `inputs.${input.name}`,
            confidence: 'reference',
            evidence: `dependency.${read.dependency}.outputs.${read.output}`,
          });
        }
      }
    }
  }
}
