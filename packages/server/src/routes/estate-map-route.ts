import type { App, RouteOptions } from '../app-types.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { EstateMapSchema } from '../schemas/estate-map.js';
import { estateMap } from '../views/estate-map.js';

/** The dashboard's landing map: workspaces, who consumes whom and how much, the worst finding of each. */
export async function estateMapRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/estate/map',
    {
      schema: {
        summary: 'Workspaces with their worst finding, and consumer → producer links weighted by edges',
        tags: ['estate'],
        response: { 200: EstateMapSchema, ...errorResponses },
      },
    },
    async () => estateMap(requireEstate(store).built.graph),
  );
}
