import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { errorResponses } from '../schemas/common.js';

export async function ingestRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.post(
    '/api/ingest',
    {
      schema: {
        summary: 'Re-ingest the estate in the background; the last good graph serves meanwhile',
        tags: ['estate'],
        response: { 202: Type.Object({ state: Type.Literal('running') }), ...errorResponses },
      },
    },
    async (_request, reply) => {
      // The outcome lands in GET /api/health (ingest.lastError); ingest() itself never rejects.
      void store.ingest();
      return reply.code(202).send({ state: 'running' as const });
    },
  );
}
