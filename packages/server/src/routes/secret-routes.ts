import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses, StringEnum } from '../schemas/common.js';
import { type SecretView, SecretViewSchema } from '../schemas/secret-view.js';
import { secretViews } from '../views/secret-views.js';

const SORTS = ['name', 'workspace', 'consumers', 'window'] as const;
type Sort = (typeof SORTS)[number];

const keyOf: Record<Sort, (s: SecretView) => string | number> = {
  name: (s) => (s.name ?? s.address).toLowerCase(),
  workspace: (s) => s.workspace,
  consumers: (s) => s.consumers,
  // No window (never the case for today's services) sorts as the longest.
  window: (s) => s.recoveryWindowDays ?? Number.MAX_SAFE_INTEGER,
};

export async function secretRoutes(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/secrets',
    {
      schema: {
        summary: 'Secrets, SSM parameters and KMS keys, with how many consumers each has elsewhere',
        tags: ['secrets'],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 500 })),
          sort: Type.Optional(StringEnum(SORTS)),
          order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
          offset: Type.Integer({ minimum: 0, default: 0 }),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            offset: Type.Integer(),
            limit: Type.Integer(),
            items: Type.Array(SecretViewSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { q, sort = 'name', order = 'asc', offset, limit } = request.query;
      const needle = q?.trim().toLowerCase() ?? '';
      const all = (await secretViews(requireEstate(store).built.graph)).filter(
        (s) =>
          needle === '' ||
          [s.id, s.name ?? '', s.arn ?? ''].some((field) => field.toLowerCase().includes(needle)),
      );
      const key = keyOf[sort];
      const sign = order === 'asc' ? 1 : -1;
      const sorted = [...all].sort((x, y) => {
        const a = key(x);
        const b = key(y);
        return (a < b ? -sign : a > b ? sign : 0) || x.id.localeCompare(y.id);
      });
      return { total: sorted.length, offset, limit, items: sorted.slice(offset, offset + limit) };
    },
  );
}
