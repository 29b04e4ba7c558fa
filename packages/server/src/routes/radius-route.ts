import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { findNode } from '../find-node.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { SubgraphSchema } from '../schemas/subgraph.js';
import { cachedAnswer } from '../views/answer-cache.js';
import { radiusSubgraph } from '../views/radius-subgraph.js';
import { sendAnswer } from '../views/send-answer.js';

/** The most nodes one drawing holds: what the dashboard still pans and zooms smoothly. */
export const RADIUS_LIMIT = 20_000;

/** The blast radius of a node to draw, beyond the worst-first page an impact answer lists. */
export async function radiusRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/nodes/:id/radius',
    {
      schema: {
        summary: 'Every node that depends on this one, closest first, with its hop distance: to draw',
        tags: ['impact'],
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        querystring: Type.Object({
          depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'hops at most' })),
          limit: Type.Integer({ minimum: 1, maximum: RADIUS_LIMIT, default: RADIUS_LIMIT }),
        }),
        response: { 200: SubgraphSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { graph } = requireEstate(store).built;
      const id = findNode(graph, request.params.id);
      const { limit, depth } = request.query;
      const body = cachedAnswer(graph, `radius|${id}|${limit}|${depth ?? ''}`, () =>
        String(
          reply.serialize(radiusSubgraph(graph, id, { limit, ...(depth !== undefined ? { depth } : {}) })),
        ),
      );
      return sendAnswer(request, reply, body);
    },
  );
}
