import type { Diagnostic } from '@impact/core';
import { analysePlans, readTerraformJson } from '@impact/core/node';
import type { App, RouteOptions } from '../app-types.js';
import { apiError } from '../errors.js';
import { parseNow } from '../parse-now.js';
import { requireEstate } from '../require-estate.js';
import { errorResponses } from '../schemas/common.js';
import { ANALYSIS_LIMIT, PlanImpactQuery } from '../schemas/impact-query.js';
import { buildSubgraph } from '../views/build-subgraph.js';
import { ImpactAnswerSchema } from './impact-routes.js';

export const PLAN_BODY_LIMIT = 20 * 1024 * 1024;
export const PLAN_BODY_TYPES: readonly string[] = ['application/json', 'application/octet-stream'];
/** The name a plan upload goes by in diagnostics. */
const UPLOAD = 'plan.json';

/**
 * The body is read as bytes (`application/json` or `application/octet-stream`: the body type
 * check refuses others), so core's reader can say what it is (a binary plan, a state, truncated
 * JSON) rather than fastify's JSON parser failing first.
 */
export async function planRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PLAN_BODY_LIMIT }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/plans/impact',
    {
      bodyLimit: PLAN_BODY_LIMIT,
      // JSON, or bytes: a binary plan uploaded by mistake gets its own answer from core's reader.
      config: { bodyTypes: PLAN_BODY_TYPES },
      schema: {
        summary: 'What a plan (`terraform show -json` output, at most 20 MB) breaks across the estate',
        tags: ['impact'],
        querystring: PlanImpactQuery,
        response: { 200: ImpactAnswerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { graph } = requireEstate(store).built;
      const q = request.query;
      const now = parseNow(q.now);
      const bytes = request.body;
      if (!(bytes instanceof Uint8Array) || bytes.length === 0)
        throw apiError(
          'INVALID_PLAN',
          'the body is empty: upload the output of `terraform show -json plan.out`',
        );
      const diagnostics: Diagnostic[] = [];
      const doc = readTerraformJson(bytes, UPLOAD, diagnostics);
      if (doc.kind === 'invalid') {
        const reason = diagnostics.find((d) => d.severity === 'error')?.message ?? 'not a Terraform plan';
        throw apiError('INVALID_PLAN', reason);
      }
      if (doc.kind === 'state')
        throw apiError(
          'INVALID_PLAN',
          'this is a Terraform state, not a plan: upload the output of `terraform show -json plan.out`',
        );
      // A workspace the estate does not know is analysed all the same, from the plan's prior
      // state (the result's diagnostics say so); a name that is not a workspace is refused.
      if (
        q.workspace !== undefined &&
        graph.hasNode(q.workspace) &&
        graph.getNodeAttributes(q.workspace).kind !== 'workspace'
      )
        throw apiError('WORKSPACE_NOT_FOUND', `"${q.workspace}" is a node, not a workspace of the estate`);
      const analysis = analysePlans(graph, [doc.plan], {
        now,
        limit: ANALYSIS_LIMIT,
        list: q.limit,
        ...(q.workspace !== undefined ? { workspace: q.workspace } : {}),
        ...(q.depth !== undefined ? { maxDepth: q.depth } : {}),
      });
      if (!analysis.ok) {
        const reasons = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
        // core speaks CLI; over HTTP the workspace is a query parameter.
        throw apiError('PLAN_REJECTED', reasons.join('; ').replaceAll('--workspace', '?workspace='));
      }
      const result = { ...analysis.result, diagnostics: [...diagnostics, ...analysis.result.diagnostics] };
      return { result, subgraph: buildSubgraph(graph, result) };
    },
  );
}
