import type { App } from './app-types.js';

/** Fits a Vite-built React app drawing with WebGL (sigma): no inline scripts, blob workers, data/blob images. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * helmet 8's default headers, minus HSTS (plain HTTP on loopback would pin a browser to https
 * for 127.0.0.1) and `upgrade-insecure-requests` (same reason).
 *
 * Set here rather than through @fastify/helmet: under the repository's vitest config
 * (`--conditions import` passed to Node), @fastify/helmet's `require('helmet')` loads helmet's
 * ES module and fails with "helmet is not a function" on every request.
 */
const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

export function registerSecurityHeaders(app: App): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(HEADERS);
  });
}
