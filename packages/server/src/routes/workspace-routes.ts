import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { apiError } from '../errors.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { NodeViewSchema } from '../schemas/node-view.js';
import { WorkspaceViewSchema } from '../schemas/workspace-view.js';
import { nodeView } from '../views/node-view.js';
import { workspaceIndex } from '../views/workspace-views.js';

export async function workspaceRoutes(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/workspaces',
    {
      schema: {
        summary: 'Every workspace (one state) with its counts',
        tags: ['estate'],
        response: { 200: Type.Object({ items: Type.Array(WorkspaceViewSchema) }), ...errorResponses },
      },
    },
    async () => ({ items: [...workspaceIndex(requireEstate(store).built.graph).views.values()] }),
  );

  app.get(
    '/api/workspaces/:name',
    {
      schema: {
        summary: 'One workspace, its nodes and the workspaces it feeds and reads',
        tags: ['estate'],
        params: Type.Object({ name: Type.String({ minLength: 1 }) }),
        response: {
          200: Type.Object({
            workspace: WorkspaceViewSchema,
            nodes: Type.Array(NodeViewSchema),
            consumerWorkspaces: Type.Array(Type.String()),
            producerWorkspaces: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { graph } = requireEstate(store).built;
      const index = workspaceIndex(graph);
      const { name } = request.params;
      const workspace = index.views.get(name);
      if (!workspace) throw apiError('WORKSPACE_NOT_FOUND', `no workspace "${name}" in the estate`);
      const nodes = graph
        .filterNodes((id, a) => a.workspace === name && id !== name)
        .sort()
        .map((id) => nodeView(id, graph.getNodeAttributes(id)));
      return {
        workspace,
        nodes,
        consumerWorkspaces: [...(index.consumers.get(name) ?? [])].sort(),
        producerWorkspaces: [...(index.producers.get(name) ?? [])].sort(),
      };
    },
  );
}
