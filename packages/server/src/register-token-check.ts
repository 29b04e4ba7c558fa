import type { App } from './app-types.js';
import { checkBearer } from './check-bearer.js';
import { isDashboardPage } from './dashboard-page.js';
import { apiError } from './errors.js';

/**
 * The bearer token, checked on every route the router matched unless that route is marked
 * `config: { public: true }` — what is protected is what is routed, however the path was
 * spelled (`/%61pi/secrets` is `/api/secrets`). A request that matches no route needs the
 * token too, unless it gets the dashboard shell: without one, a client learns nothing about
 * which API routes exist (every one answers 401). Runs after the rate limit, before any body is read.
 */
export function registerTokenCheck(app: App, token: string): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public === true) return;
    if (request.is404 && isDashboardPage(request.method, request.url)) return;
    if (!checkBearer(request.headers.authorization, token))
      throw apiError('UNAUTHORIZED', 'missing or wrong bearer token (Authorization: Bearer <token>)');
  });
}
