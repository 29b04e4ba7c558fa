import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses, StringEnum } from '../schemas/common.js';

const FindingSchema = Type.Object({
  rule: Type.String(),
  level: StringEnum(['error', 'warn'] as const),
  id: Type.Optional(Type.String({ description: 'the node the finding is about' })),
  workspace: Type.Optional(Type.String()),
  message: Type.String(),
});

/** Core has no rules yet (packages/core/src/rules is empty): the list stays empty until it does. */
export async function findingsRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/findings',
    {
      schema: {
        summary: 'Findings of the estate rules (empty until core ships rules)',
        tags: ['estate'],
        response: { 200: Type.Object({ findings: Type.Array(FindingSchema) }), ...errorResponses },
      },
    },
    async () => {
      requireEstate(store);
      return { findings: [] };
    },
  );
}
