import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { requireEstate } from '../require-estate.js';
import { DiagnosticSchema, errorResponses } from '../schemas/common.js';

export async function diagnosticsRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/diagnostics',
    {
      schema: {
        summary: 'Problems found while ingesting the estate, each with its file and reason',
        tags: ['estate'],
        response: { 200: Type.Object({ diagnostics: Type.Array(DiagnosticSchema) }), ...errorResponses },
      },
    },
    async () => ({ diagnostics: requireEstate(store).built.diagnostics }),
  );
}
