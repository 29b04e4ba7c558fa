import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses, Nullable, StringEnum } from '../schemas/common.js';
import { estateFindings } from '../views/estate-findings.js';

const FindingSchema = Type.Object({
  rule: Type.String(),
  severity: StringEnum(['error', 'warn', 'info'] as const),
  id: Type.String({ description: 'the node the finding is about' }),
  workspace: Type.String(),
  address: Nullable(Type.String()),
  message: Type.String(),
  evidence: Type.Array(Type.String(), { description: 'identities and paths, never values' }),
  source: Type.Optional(Type.Object({ file: Type.String(), line: Type.Integer() })),
});

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
      const findings = estateFindings(built.graph).filter(
        (f) =>
          (rule === undefined || f.rule === rule) &&
          (severity === undefined || f.severity === severity) &&
          (workspace === undefined || f.workspace === workspace),
      );
      return { findings };
    },
  );
}
