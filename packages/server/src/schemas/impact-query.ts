import { Type } from '@sinclair/typebox';
import { StringEnum } from './common.js';

/** Bounds every impact answer takes, so one request cannot ask for the whole estate drawn. */
export const ImpactBounds = {
  now: Type.Optional(Type.String({ format: 'date-time', description: 'analysis time (default: now)' })),
  depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'hops at most' })),
  limit: Type.Integer({
    minimum: 1,
    maximum: 5000,
    default: 50,
    description:
      'impacts listed at most, worst first (and drawn in `subgraph`); `summary` counts every analysed impact, `truncated` the rest',
  }),
};

/**
 * Impacted nodes analysed at most per change, closest first: beyond it an answer counts them in
 * `truncated.unanalysed`. It bounds the work one request can ask for.
 */
export const ANALYSIS_LIMIT = 10_000;

export const NodeImpactQuery = Type.Object({
  action: Type.Optional(StringEnum(['delete', 'replace'] as const, { description: 'default delete' })),
  recoveryWindow: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 30, description: 'overrides the secret’s recovery window (days)' }),
  ),
  ...ImpactBounds,
});

export const PlanImpactQuery = Type.Object({
  workspace: Type.Optional(
    Type.String({ minLength: 1, description: 'the plan’s workspace (default: inferred from prior_state)' }),
  ),
  ...ImpactBounds,
});
