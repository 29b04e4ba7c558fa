import { queryImpact } from '@impact/core/node';
import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { findNode } from '../find-node.js';
import { parseNow } from '../parse-now.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { ANALYSIS_LIMIT, NodeImpactQuery } from '../schemas/impact-query.js';
import { ImpactResultSchema } from '../schemas/impact-result.js';
import { SubgraphSchema } from '../schemas/subgraph.js';
import { cachedAnswer } from '../views/answer-cache.js';
import { buildSubgraph } from '../views/build-subgraph.js';
import { sendAnswer } from '../views/send-answer.js';

let minuteStart = 0;
let minuteDate = new Date(0);
let minuteKey = '';

/** The start of the current minute, as a Date and as a cache key part, worked out once a minute. */
function currentMinute(): Date {
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  if (start !== minuteStart) {
    minuteStart = start;
    minuteDate = new Date(start);
    minuteKey = minuteDate.toISOString();
  }
  return minuteDate;
}

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
    async (request, reply) => {
      const { graph } = requireEstate(store).built;
      const id = findNode(graph, request.params.id);
      const q = request.query;
      // Without `now`, answers are for the current minute, so repeated questions share one answer.
      const now = q.now === undefined ? currentMinute() : parseNow(q.now);
      const action = q.action ?? 'delete';
      const key = `${id}|${action}|${q.now === undefined ? minuteKey : now.toISOString()}|${q.limit}|${q.depth ?? ''}|${q.recoveryWindow ?? ''}`;
      const body = cachedAnswer(graph, key, () => {
        const result = queryImpact(graph, id, {
          action,
          now,
          limit: ANALYSIS_LIMIT,
          list: q.limit,
          ...(q.depth !== undefined ? { maxDepth: q.depth } : {}),
          ...(q.recoveryWindow !== undefined ? { recoveryWindowDays: q.recoveryWindow } : {}),
        });
        // The route's response schema serializes it: the allowlist applies to cached answers too.
        return String(reply.serialize({ result, subgraph: buildSubgraph(graph, result) }));
      });
      return sendAnswer(request, reply, body);
    },
  );
}
