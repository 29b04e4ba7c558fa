import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses, StringEnum } from '../schemas/common.js';
import { FindingSchema } from '../schemas/finding.js';
import { estateFindings } from '../views/estate-findings.js';

export const FINDINGS_PAGE_MAX = 1000;

const FindingsQuery = Type.Object({
  rule: Type.Optional(Type.String()),
  severity: Type.Optional(StringEnum(['error', 'warn', 'info'] as const)),
  workspace: Type.Optional(Type.String()),
  offset: Type.Integer({ minimum: 0, default: 0 }),
  limit: Type.Integer({ minimum: 1, maximum: FINDINGS_PAGE_MAX, default: 100 }),
});

/**
 * The secret hygiene findings of the whole estate (core's rules), filterable by rule, severity,
 * workspace, worst first, one page at a time (`offset`, `limit` ≤ 1000) with the `total` that
 * matched: a million findings are not one answer.
 */
export async function findingsRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/findings',
    {
      schema: {
        summary: 'Secret hygiene findings of the estate',
        tags: ['estate'],
        querystring: FindingsQuery,
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'findings that match the filters, on every page' }),
            offset: Type.Integer(),
            limit: Type.Integer(),
            findings: Type.Array(FindingSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { built } = requireEstate(store);
      const { rule, severity, workspace, offset, limit } = request.query;
      const matching = (await estateFindings(built.graph)).filter(
        (f) =>
          (rule === undefined || f.rule === rule) &&
          (severity === undefined || f.severity === severity) &&
          (workspace === undefined || f.workspace === workspace),
      );
      return { total: matching.length, offset, limit, findings: matching.slice(offset, offset + limit) };
    },
  );
}
