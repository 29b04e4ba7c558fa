import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { findNode } from '../find-node.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { type EdgeView, EdgeViewSchema, NodeViewSchema } from '../schemas/node-view.js';
import { edgeView } from '../views/edge-view.js';
import { nodeView } from '../views/node-view.js';
import { searchNodes } from '../views/search-nodes.js';

const IdParams = Type.Object({
  id: Type.String({ minLength: 1, description: 'node id (percent-encoded), or a secret name or ARN' }),
});

export async function nodeRoutes(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/nodes',
    {
      schema: {
        summary: 'Search nodes by id, address, name or ARN (case-insensitive substring)',
        tags: ['nodes'],
        querystring: Type.Object({
          q: Type.String({ default: '', maxLength: 500 }),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(NodeViewSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: searchNodes(requireEstate(store).built.graph, request.query.q, request.query.limit),
    }),
  );

  app.get(
    '/api/nodes/:id',
    {
      schema: {
        summary: 'One node with its dependents (in) and dependencies (out)',
        tags: ['nodes'],
        params: IdParams,
        response: {
          200: Type.Object({
            node: NodeViewSchema,
            in: Type.Array(EdgeViewSchema, { description: 'dependents (consumers) of the node' }),
            out: Type.Array(EdgeViewSchema, { description: 'what the node depends on' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { graph } = requireEstate(store).built;
      const id = findNode(graph, request.params.id);
      const inbound: EdgeView[] = [];
      const outbound: EdgeView[] = [];
      graph.forEachInEdge(id, (key, a, from, to) => {
        inbound.push(edgeView(key, from, to, a));
      });
      graph.forEachOutEdge(id, (key, a, from, to) => {
        outbound.push(edgeView(key, from, to, a));
      });
      return { node: nodeView(id, graph.getNodeAttributes(id)), in: inbound, out: outbound };
    },
  );
}
