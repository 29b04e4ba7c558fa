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

describe('a plan nested thousands of levels deep', () => {
  it('is a 400 INVALID_PLAN with the reason, not a 500', async () => {
    const depth = 20_000;
    for (const payload of [
      // a sensitive-value mirror, a configuration expression, a prior state's module tree
      `{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","change":{"actions":["delete"],"before":{},"before_sensitive":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`,
      `{"format_version":"1.2","configuration":{"root_module":{"outputs":{"o":{"expression":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}}}}`,
      `{"format_version":"1.2","prior_state":{"values":{"root_module":${'{"child_modules":['.repeat(depth)}{}${']}'.repeat(depth)}}}}`,
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/plans/impact',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect([res.statusCode, res.json().error]).toEqual([
        400,
        { code: 'INVALID_PLAN', message: 'the JSON is nested deeper than 256 levels', statusCode: 400 },
      ]);
    }
  });
});
