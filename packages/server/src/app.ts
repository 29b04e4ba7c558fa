import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { allowedHosts, type HostPolicy } from './allowed-hosts.js';
import type { App } from './app-types.js';
import './route-config.js';
import { DEFAULT_WEB_ROOT } from './default-paths.js';
import { apiError } from './errors.js';
import type { EstateStore } from './estate-store.js';
import type { HistoryRecorder } from './history/recorder.js';
import { registerBodyTypeCheck } from './register-body-type-check.js';
import { registerDocs } from './register-docs.js';
import { answerClientError, answerFrameworkError, registerErrorHandling } from './register-error-handling.js';
import { registerHostChecks } from './register-host-checks.js';
import { registerTokenCheck } from './register-token-check.js';
import { registerWeb } from './register-web.js';
import { diagnosticsRoute } from './routes/diagnostics-route.js';
import { estateMapRoute } from './routes/estate-map-route.js';
import { eventsRoute } from './routes/events-route.js';
import { findingsRoute } from './routes/findings-route.js';
import { healthRoute } from './routes/health-route.js';
import { historyRoutes } from './routes/history-routes.js';
import { impactRoutes } from './routes/impact-routes.js';
import { ingestRoute } from './routes/ingest-route.js';
import { nodeRoutes } from './routes/node-routes.js';
import { planRoute } from './routes/plan-route.js';
import { radiusRoute } from './routes/radius-route.js';
import { savedPlanRoutes } from './routes/saved-plan-routes.js';
import { secretRoutes } from './routes/secret-routes.js';
import { sourcesRoute } from './routes/sources-route.js';
import { workspaceRoutes } from './routes/workspace-routes.js';
import { registerSecurityHeaders } from './security-headers.js';
import type { TypeBoxProvider } from './type-provider.js';

export interface AppOptions {
  store: EstateStore;
  /** The estate's history (`--store`); default none. */
  history?: HistoryRecorder | null;
  /** When set, required as `Authorization: Bearer <token>` on every route not marked public (see register-token-check). */
  token?: string;
  /** The built dashboard; default `packages/web/dist`; null serves none. */
  webRoot?: string | null;
  /** Requests per window per IP (default 600 a minute); `/api/health` is never limited. */
  rateLimit?: { max: number; timeWindow: number | string };
  logger?: FastifyServerOptions['logger'];
  /**
   * Where the server listens, for its `Host` allowlist (see allowed-hosts): the bound host, and
   * more names (`--allowed-host`). Without it (tests over `inject`) any Host is answered; the
   * Origin check on requests that change state applies either way.
   */
  hosts?: { bind: string; extra?: readonly string[] };
}

/** Builds the app without listening (after fastify's `build()`); tests drive it with `inject()`. */
export function createApp(options: AppOptions): App {
  const app: App = Fastify({
    logger: options.logger ?? false,
    // Plans have their own 20 MB limit; nothing else takes a body worth more than this.
    bodyLimit: 1024 * 1024,
    // Node ids hold `/`, `"` and `[`: clients percent-encode them; be generous about length.
    routerOptions: { maxParamLength: 2000 },
    // fastify's own answers (a bad URL encoding, a request Node cannot parse) in the one error shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Requests are not logged one by one; failures (5xx) are, by register-error-handling.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxProvider>();
  const { store, token } = options;

  registerErrorHandling(app);

  registerSecurityHeaders(app);
  registerHostChecks(app, hostPolicy(app, options.hosts));
  app.register(rateLimit, {
    max: options.rateLimit?.max ?? 600,
    timeWindow: options.rateLimit?.timeWindow ?? '1 minute',
    errorResponseBuilder: (_request, context) =>
      apiError('RATE_LIMITED', `more than ${context.max} requests in ${context.after}; retry later`),
  });
  if (token !== undefined) registerTokenCheck(app, token);
  registerBodyTypeCheck(app);
  registerDocs(app);
  const routeOptions = { store, history: options.history ?? null };
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
  app.register(sourcesRoute, routeOptions);
  app.register(eventsRoute, routeOptions);
  app.register(historyRoutes, routeOptions);
  registerWeb(app, options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot);
  return app;
}

/** The Host allowlist once the server listens (its port is known only then); null before, or without `hosts`. */
function hostPolicy(app: App, hosts: AppOptions['hosts']): () => HostPolicy | null {
  let policy: HostPolicy | null | undefined;
  return () => {
    if (policy !== undefined || hosts === undefined) return policy ?? null;
    const address = app.server.address();
    if (address === null || typeof address === 'string') return null;
    policy = allowedHosts(hosts.bind, address.port, hosts.extra ?? []);
    return policy;
  };
}
