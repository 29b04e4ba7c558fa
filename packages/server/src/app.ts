import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { App } from './app-types.js';
import { checkBearer } from './check-bearer.js';
import { DEFAULT_WEB_ROOT } from './default-paths.js';
import { apiError, errorBody } from './errors.js';
import type { EstateStore } from './estate-store.js';
import { isApiPath } from './is-api-path.js';
import { registerDocs } from './register-docs.js';
import { registerWeb } from './register-web.js';
import { diagnosticsRoute } from './routes/diagnostics-route.js';
import { estateMapRoute } from './routes/estate-map-route.js';
import { findingsRoute } from './routes/findings-route.js';
import { healthRoute } from './routes/health-route.js';
import { impactRoutes } from './routes/impact-routes.js';
import { ingestRoute } from './routes/ingest-route.js';
import { nodeRoutes } from './routes/node-routes.js';
import { planRoute } from './routes/plan-route.js';
import { radiusRoute } from './routes/radius-route.js';
import { savedPlanRoutes } from './routes/saved-plan-routes.js';
import { secretRoutes } from './routes/secret-routes.js';
import { workspaceRoutes } from './routes/workspace-routes.js';
import { registerSecurityHeaders } from './security-headers.js';
import { toApiError } from './to-api-error.js';
import type { TypeBoxProvider } from './type-provider.js';

export interface AppOptions {
  store: EstateStore;
  /** When set, required as `Authorization: Bearer <token>` on every API route but `/api/health`. */
  token?: string;
  /** The built dashboard; default `packages/web/dist`; null serves none. */
  webRoot?: string | null;
  /** Requests per window per IP (default 600 a minute); `/api/health` is never limited. */
  rateLimit?: { max: number; timeWindow: number | string };
  logger?: FastifyServerOptions['logger'];
}

/** Builds the app without listening (after fastify's `build()`); tests drive it with `inject()`. */
export function createApp(options: AppOptions): App {
  const app: App = Fastify({
    logger: options.logger ?? false,
    // Plans have their own 20 MB limit; nothing else takes a body worth more than this.
    bodyLimit: 1024 * 1024,
    // Node ids hold `/`, `"` and `[`: clients percent-encode them; be generous about length.
    routerOptions: { maxParamLength: 2000 },
  }).withTypeProvider<TypeBoxProvider>();
  const { store, token } = options;

  app.setErrorHandler(async (error, request, reply) => {
    const coded = toApiError(error);
    if (coded.code === 'INTERNAL') request.log.error({ err: error }, 'internal error');
    return reply.code(coded.statusCode).send(errorBody(coded));
  });

  registerSecurityHeaders(app);
  app.register(rateLimit, {
    max: options.rateLimit?.max ?? 600,
    timeWindow: options.rateLimit?.timeWindow ?? '1 minute',
    errorResponseBuilder: (_request, context) =>
      apiError('RATE_LIMITED', `more than ${context.max} requests in ${context.after}; retry later`),
  });
  if (token !== undefined) {
    // preParsing: after the rate limit (onRequest), before a body is read.
    app.addHook('preParsing', async (request) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api/health' || !isApiPath(path)) return;
      if (!checkBearer(request.headers.authorization, token))
        throw apiError('UNAUTHORIZED', 'missing or wrong bearer token (Authorization: Bearer <token>)');
    });
  }
  registerDocs(app);
  const routeOptions = { store };
  app.register(healthRoute, routeOptions);
  app.register(diagnosticsRoute, routeOptions);
  app.register(workspaceRoutes, routeOptions);
  app.register(estateMapRoute, routeOptions);
  app.register(secretRoutes, routeOptions);
  app.register(nodeRoutes, routeOptions);
  app.register(impactRoutes, routeOptions);
  app.register(radiusRoute, routeOptions);
  app.register(planRoute, routeOptions);
  app.register(savedPlanRoutes, routeOptions);
  app.register(findingsRoute, routeOptions);
  app.register(ingestRoute, routeOptions);
  registerWeb(app, options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot);
  return app;
}
