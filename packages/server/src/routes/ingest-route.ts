import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { apiError } from '../errors.js';
import { errorResponses } from '../schemas/common.js';

export async function ingestRoute(app: App, { store }: RouteOptions): Promise<void> {
  // The body means nothing here, but the Content-Type is required (register-body-type-check):
  // so an empty JSON body is fine, and a broken one answers without quoting it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(apiError('BAD_REQUEST', 'the body is not valid JSON'), undefined);
    }
  });
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
