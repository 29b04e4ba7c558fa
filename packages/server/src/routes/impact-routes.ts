import { queryImpact } from '@impact/core/node';
import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { findNode } from '../find-node.js';
import { parseNow } from '../parse-now.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { NodeImpactQuery } from '../schemas/impact-query.js';
import { ImpactResultSchema } from '../schemas/impact-result.js';
import { SubgraphSchema } from '../schemas/subgraph.js';
import { buildSubgraph } from '../views/build-subgraph.js';

export const ImpactAnswerSchema = Type.Object({ result: ImpactResultSchema, subgraph: SubgraphSchema });

export async function impactRoutes(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/nodes/:id/impact',
    {
      schema: {
        summary: 'What deleting or replacing one node breaks, and when each consumer notices',
        tags: ['impact'],
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        querystring: NodeImpactQuery,
        response: { 200: ImpactAnswerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { graph } = requireEstate(store).built;
      const id = findNode(graph, request.params.id);
      const q = request.query;
      const result = queryImpact(graph, id, {
        action: q.action ?? 'delete',
        now: parseNow(q.now),
        limit: q.limit,
        ...(q.depth !== undefined ? { maxDepth: q.depth } : {}),
        ...(q.recoveryWindow !== undefined ? { recoveryWindowDays: q.recoveryWindow } : {}),
      });
      return { result, subgraph: buildSubgraph(graph, result) };
    },
  );
}
