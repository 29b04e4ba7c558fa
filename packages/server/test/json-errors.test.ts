import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app-types.js';
import { makeApp } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(() => app.close());

describe('a broken plan upload', () => {
  it('is refused with the reason, never with the text around the fault', async () => {
    for (const payload of [
      '{"format_version": "1.2", "prior_state": CANARY-leak-1}',
      'CANARY-leak-2 and more',
      '{"a": "CANARY-leak-3',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/plans/impact',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INVALID_PLAN');
      expect(res.body).not.toContain('CANARY');
    }
  });
});
