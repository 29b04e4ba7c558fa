import type { App } from './app-types.js';
import { routedPath } from './routed-path.js';

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

/** What a JSON answer needs (OWASP REST security): nothing in it may be run, framed or sniffed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
export const API_HEADERS: Record<string, string> = {
  'content-security-policy': API_CONTENT_SECURITY_POLICY,
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * Pages (the dashboard, `/docs`) get the whole document set; API answers get the short set a
 * JSON body needs, because a kilobyte of document headers on every small answer is a
 * measurable share of the API's throughput.
 */
export function registerSecurityHeaders(app: App): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(isJsonPath(routedPath(request.url)) ? API_HEADERS : HEADERS);
  });
}

/** `/api/…` and `/openapi.json` answer JSON; `/docs` and the dashboard are pages. */
function isJsonPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path === '/openapi.json';
}
