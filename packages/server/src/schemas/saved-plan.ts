import { Type } from '@sinclair/typebox';
import { ImpactBounds } from './impact-query.js';

export const SavedPlanSchema = Type.Object({
  id: Type.String({ description: 'the saved plan: GET /api/plans/{id}/impact answers about it' }),
  changes: Type.Integer({ description: 'resource changes in the plan' }),
});

export const SavedPlanImpactQuery = Type.Object({
  workspace: Type.Optional(
    Type.String({ minLength: 1, description: 'the plan’s workspace (default: inferred from prior_state)' }),
  ),
  ...ImpactBounds,
});
