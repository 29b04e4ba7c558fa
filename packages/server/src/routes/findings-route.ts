import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses, StringEnum } from '../schemas/common.js';
import { FindingSchema } from '../schemas/finding.js';
import { estateFindings } from '../views/estate-findings.js';

const FindingsQuery = Type.Object({
  rule: Type.Optional(Type.String()),
  severity: Type.Optional(StringEnum(['error', 'warn', 'info'] as const)),
  workspace: Type.Optional(Type.String()),
});

/** The secret hygiene findings of the whole estate (core's rules), filterable by rule, severity, workspace. */
export async function findingsRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/findings',
    {
      schema: {
        summary: 'Secret hygiene findings of the estate',
        tags: ['estate'],
        querystring: FindingsQuery,
        response: { 200: Type.Object({ findings: Type.Array(FindingSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { built } = requireEstate(store);
      const { rule, severity, workspace } = request.query as {
        rule?: string;
        severity?: string;
        workspace?: string;
      };
      const findings = (await estateFindings(built.graph)).filter(
        (f) =>
          (rule === undefined || f.rule === rule) &&
          (severity === undefined || f.severity === severity) &&
          (workspace === undefined || f.workspace === workspace),
      );
      return { findings };
    },
  );
}
