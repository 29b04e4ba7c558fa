import { allScopes, inScope, rootScope } from '../link/config-scope.js';
import type { Estate } from '../model/estate.js';
import type { NodeAttributes } from '../model/graph-types.js';
import { nodeId } from '../model/node-id.js';
import type { WorkspaceFacts } from './workspace-facts.js';

type WorkspaceModel = Estate['workspaces'][number];

/**
 * The nodes of a workspace that only its configuration shows and that exist whatever they link
 * to: its ephemeral resources (in no state, by design) and, for a Terragrunt unit, its
 * `dependency` blocks. They are registered under their configuration address, as state
 * resources are, so that references reach them. (Provider configurations and module calls are
 * added by the linkers, when something links through them.)
 */
export function addConfigNodes(
  ws: WorkspaceModel,
  facts: WorkspaceFacts,
  byAddress: Map<string, string[]>,
  /** Adds a node unless its id is taken (then false). */
  addNode: (id: string, attrs: NodeAttributes) => boolean,
): void {
  const scope: Pick<NodeAttributes, 'account' | 'region'> = {
    ...(facts.account ? { account: facts.account } : {}),
    ...(facts.region ? { region: facts.region } : {}),
  };
  const add = (address: string, attrs: Omit<NodeAttributes, 'workspace' | 'address' | 'label'>) => {
    const id = nodeId(ws.name, address);
    if (addNode(id, { ...attrs, workspace: ws.name, address, label: address, ...scope }))
      byAddress.set(address, [id]);
  };
  if (ws.config) {
    for (const s of allScopes(rootScope(ws.name, ws.config))) {
      for (const block of s.config.blocks) {
        if (block.kind !== 'ephemeral') continue;
        add(inScope(s, block.address), {
          kind: 'ephemeral',
          ...(block.type ? { type: block.type } : {}),
          ...(block.line > 0 ? { source: { file: block.file, line: block.line } } : {}),
        });
      }
    }
  }
  for (const dependency of ws.terragrunt?.dependencies ?? []) {
    add(`dependency.${dependency.name}`, {
      kind: 'dependency',
      source: { file: dependency.file, line: dependency.line },
    });
  }
}
