import type { Diagnostic } from '@impact/core';
import { analysePlans, readTerraformJson } from '@impact/core/node';
import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { apiError } from '../errors.js';
import { parseNow } from '../parse-now.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { ANALYSIS_LIMIT } from '../schemas/impact-query.js';
import { SavedPlanImpactQuery, SavedPlanSchema } from '../schemas/saved-plan.js';
import { buildSubgraph } from '../views/build-subgraph.js';
import { createSavedPlans } from '../views/saved-plans.js';
import { ImpactAnswerSchema } from './impact-routes.js';
import { PLAN_BODY_LIMIT } from './plan-route.js';

const UPLOAD = 'plan.json';

/**
 * A plan uploaded once and asked about by id: `POST /api/plans` keeps it, `GET
 * /api/plans/:id/impact?workspace=&now=` answers as `POST /api/plans/impact` would. The
 * dashboard's plan report has a URL that reproduces it while the server runs.
 */
export async function savedPlanRoutes(app: App, { store }: RouteOptions): Promise<void> {
  const saved = createSavedPlans();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PLAN_BODY_LIMIT }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/plans',
    {
      bodyLimit: PLAN_BODY_LIMIT,
      schema: {
        summary: 'Keep a plan (`terraform show -json` output, at most 20 MB) to ask about by id',
        tags: ['impact'],
        response: { 200: SavedPlanSchema, ...errorResponses },
      },
    },
    async (request) => {
      const bytes = request.body;
      if (!(bytes instanceof Uint8Array) || bytes.length === 0)
        throw apiError(
          'INVALID_PLAN',
          'the body is empty: upload the output of `terraform show -json plan.out`',
        );
      const diagnostics: Diagnostic[] = [];
      const doc = readTerraformJson(bytes, UPLOAD, diagnostics);
      if (doc.kind === 'invalid')
        throw apiError(
          'INVALID_PLAN',
          diagnostics.find((d) => d.severity === 'error')?.message ?? 'not a Terraform plan',
        );
      if (doc.kind === 'state')
        throw apiError(
          'INVALID_PLAN',
          'this is a Terraform state, not a plan: upload the output of `terraform show -json plan.out`',
        );
      return { id: saved.save({ plan: doc.plan, diagnostics }), changes: doc.plan.changes.length };
    },
  );

  app.get(
    '/api/plans/:id/impact',
    {
      schema: {
        summary: 'What a kept plan breaks across the estate, for a workspace and a time',
        tags: ['impact'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: SavedPlanImpactQuery,
        response: { 200: ImpactAnswerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { graph } = requireEstate(store).built;
      const plan = saved.get(request.params.id);
      if (!plan)
        throw apiError(
          'PLAN_NOT_FOUND',
          `no plan "${request.params.id}" on this server: plans are kept while it runs (the last 32); upload it again`,
        );
      const q = request.query;
      if (
        q.workspace !== undefined &&
        graph.hasNode(q.workspace) &&
        graph.getNodeAttributes(q.workspace).kind !== 'workspace'
      )
        throw apiError('WORKSPACE_NOT_FOUND', `"${q.workspace}" is a node, not a workspace of the estate`);
      const analysis = analysePlans(graph, [plan.plan], {
        now: parseNow(q.now),
        limit: ANALYSIS_LIMIT,
        list: q.limit,
        ...(q.workspace !== undefined ? { workspace: q.workspace } : {}),
        ...(q.depth !== undefined ? { maxDepth: q.depth } : {}),
      });
      if (!analysis.ok) {
        const reasons = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
        throw apiError('PLAN_REJECTED', reasons.join('; ').replaceAll('--workspace', '?workspace='));
      }
      const result = {
        ...analysis.result,
        diagnostics: [...plan.diagnostics, ...analysis.result.diagnostics],
      };
      return { result, subgraph: buildSubgraph(graph, result) };
    },
  );
}
