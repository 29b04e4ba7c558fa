import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app-types.js';
import { canaries, MINI_ESTATE, makeApp, NOW } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await makeApp({ token: 't' });
});
afterAll(() => app.close());

const auth = { authorization: 'Bearer t' };
const PLAN = readFileSync(`${MINI_ESTATE}/plans/delete-db-secret.json`);
const keep = (payload: Buffer | string) =>
  app.inject({
    method: 'POST',
    url: '/api/plans',
    headers: { ...auth, 'content-type': 'application/json' },
    payload,
  });

describe('kept plans', () => {
  it('answers GET /api/plans/:id/impact as POST /api/plans/impact does, for the same workspace and time', async () => {
    const kept = await keep(PLAN);
    expect(kept.statusCode).toBe(200);
    const { id, changes } = kept.json() as { id: string; changes: number };
    expect(changes).toBeGreaterThan(0);
    for (const query of [`?now=${NOW}`, `?now=${NOW}&workspace=platform%2Fsecrets`]) {
      const direct = await app.inject({
        method: 'POST',
        url: `/api/plans/impact${query}`,
        headers: { ...auth, 'content-type': 'application/json' },
        payload: PLAN,
      });
      const again = await app.inject({ url: `/api/plans/${id}/impact${query}`, headers: auth });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(direct.json());
    }
    const later = await app.inject({
      url: `/api/plans/${id}/impact?now=2027-06-01T00:00:00.000Z`,
      headers: auth,
    });
    expect(later.json().result.now).toBe('2027-06-01T00:00:00.000Z');
  });

  it('keeps no value of the upload, and says when a plan is not (or no longer) kept', async () => {
    const { id } = (await keep(PLAN)).json() as { id: string };
    const answer = (await app.inject({ url: `/api/plans/${id}/impact?now=${NOW}`, headers: auth })).body;
    for (const canary of canaries(MINI_ESTATE)) expect(answer).not.toContain(canary);
    const missing = await app.inject({ url: '/api/plans/nope/impact', headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('PLAN_NOT_FOUND');
    const state = await keep(readFileSync(`${MINI_ESTATE}/platform/secrets/terraform.tfstate`));
    expect(state.json().error.code).toBe('INVALID_PLAN');
    expect((await keep('')).json().error.code).toBe('INVALID_PLAN');
    expect((await app.inject({ method: 'POST', url: '/api/plans', payload: PLAN })).statusCode).toBe(401);
  });
});
