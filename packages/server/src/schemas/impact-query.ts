import { Type } from '@sinclair/typebox';
import { StringEnum } from './common.js';

/** Bounds every impact answer takes, so one request cannot ask for the whole estate drawn. */
export const ImpactBounds = {
  now: Type.Optional(Type.String({ format: 'date-time', description: 'analysis time (default: now)' })),
  depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'hops at most' })),
  limit: Type.Integer({
    minimum: 1,
    maximum: 5000,
    default: 500,
    description: 'impacted nodes at most per change; the rest is counted in `truncated`',
  }),
};

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
