import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../src/security-headers.js';
import { makeApp } from './helpers.js';

const API_MD = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));

describe('the /docs page', () => {
  it('is served under the page CSP that docs/api.md documents, not swagger-ui’s own', async () => {
    const documented = /a CSP fit for the Vite-built dashboard \(`([^`]+)`\)/.exec(
      readFileSync(API_MD, 'utf8').replace(/\s*\n\s*/g, ' '),
    )?.[1];
    expect(documented).toBe(CONTENT_SECURITY_POLICY);
    const app = await makeApp();
    for (const path of ['/docs', '/docs/', '/docs/static/swagger-initializer.js']) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
    }
    // No badge fetched from validator.swagger.io: the page loads nothing from elsewhere.
    const init = await app.inject('/docs/static/swagger-initializer.js');
    expect(init.body).not.toContain('validator.swagger.io');
    await app.close();
  });
});
