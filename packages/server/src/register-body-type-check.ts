import type { App } from './app-types.js';
import { apiError } from './errors.js';
import { JSON_BODY } from './route-config.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A request with a body (POST, PUT, PATCH) declares a media type its route takes (`config.bodyTypes`, JSON
 * by default), body or not. A cross-site form or `fetch` can only send `text/plain`, a form
 * type or none without a CORS preflight, which this server never grants: so none gets through.
 */
export function registerBodyTypeCheck(app: App): void {
  app.addHook('onRequest', async (request) => {
    if (!WITH_BODY.has(request.method) || request.is404) return;
    const accepted = request.routeOptions.config.bodyTypes ?? JSON_BODY;
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type === undefined || !accepted.includes(type))
      throw apiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `${request.method} ${request.routeOptions.url ?? ''} takes Content-Type ${accepted.join(' or ')}`,
      );
  });
}
