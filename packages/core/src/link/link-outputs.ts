import { addEvidence } from '../graph/estate-graph.js';
import { nodeId } from '../model/node-id.js';
import type { Value } from '../model/workspace.js';
import type { LinkContext } from './link-context.js';
import { unwrapDynamic } from './link-remote-state.js';

/**
 * Output → the resource behind it, by value, for outputs that HCL did not explain:
 * an output holding a known ARN or name is that resource's; an output holding a value read
 * from a remote state is a passthrough of that reader.
 */
export function linkOutputsByValue(ctx: LinkContext): void {
  const readers = new Map<string, { id: string; copy: Record<string, Value> }[]>();
  for (const { id, workspace, resource } of ctx.instances) {
    if (resource.type !== 'terraform_remote_state') continue;
    const list = readers.get(workspace.name) ?? [];
    list.push({ id, copy: unwrapDynamic(resource.attributes.outputs) });
    readers.set(workspace.name, list);
  }
  for (const ws of ctx.estate.workspaces) {
    for (const out of ws.state?.outputs ?? []) {
      const id = nodeId(ws.name, `output.${out.name}`);
      if (!ctx.graph.hasNode(id) || ctx.graph.outDegree(id) > 0) continue;
      let linked = false;
      for (const value of strings(out.value)) {
        for (const m of ctx.index.match(value)) {
          linked =
            addEvidence(ctx.graph, id, m.id, {
              kind: 'output_of',
              attribute: 'value',
              confidence: m.confidence,
              evidence: m.matched,
            }) || linked;
        }
        if (linked) continue;
        for (const { id: reader, copy } of readers.get(ws.name) ?? []) {
          for (const [name, v] of Object.entries(copy)) {
            if (v === value) {
              linked =
                addEvidence(ctx.graph, id, reader, {
                  kind: 'output_of',
                  attribute: `value (= outputs.${name})`,
                  confidence: 'exact',
                }) || linked;
            }
          }
        }
      }
      if (linked) ctx.stats.edges.output_of = (ctx.stats.edges.output_of ?? 0) + 1;
    }
  }
}

function strings(value: Value): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
