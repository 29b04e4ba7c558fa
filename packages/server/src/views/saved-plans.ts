import { randomUUID } from 'node:crypto';
import type { Diagnostic, PlanModel } from '@impact/core';

/** Plans kept at most; the oldest goes first. They live as long as the server process. */
export const SAVED_PLANS = 32;

export interface SavedPlan {
  plan: PlanModel;
  /** What reading the upload found (warnings), added to every answer about it. */
  diagnostics: Diagnostic[];
}

export interface SavedPlans {
  save(saved: SavedPlan): string;
  get(id: string): SavedPlan | undefined;
}

/**
 * Uploaded plans by a random id, so an answer about one has a URL that asks it again. What is
 * kept is core's plan model, whose values were redacted on reading (like everything the graph
 * holds): no uploaded byte and no secret value stays in memory.
 */
export function createSavedPlans(max = SAVED_PLANS): SavedPlans {
  const plans = new Map<string, SavedPlan>();
  return {
    save(saved) {
      const id = randomUUID();
      plans.set(id, saved);
      if (plans.size > max) plans.delete(plans.keys().next().value as string);
      return id;
    },
    get(id) {
      const saved = plans.get(id);
      if (saved) {
        plans.delete(id);
        plans.set(id, saved);
      }
      return saved;
    },
  };
}
