import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './app-types.js';
import { isDashboardPage } from './dashboard-page.js';
import { apiError } from './errors.js';
import { routedPath } from './routed-path.js';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>impact</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:0 .25rem}</style>
</head><body>
<h1>impact</h1>
<p>The dashboard is not built, so there is nothing to show here yet. The API is up: try
<a href="/api/health"><code>/api/health</code></a> or the <a href="/docs">API docs</a>.</p>
<p>Build the dashboard with <code>pnpm --filter @impact/web build</code> (or <code>pnpm build</code> at the
repository root), then restart the server.</p>
</body></html>
`;

/** The dashboard's files hold no estate data (it all comes from the API): no token needed. */
const PUBLIC = { config: { public: true }, schema: { hide: true } } as const;

/**
 * Serves the built dashboard at `/` with an SPA fallback, so deep links such as
 * `/node/<encoded id>` survive a reload; without a build, `/` explains how to make one.
 * Its routes are explicit and marked public (`/`, `/assets/*`, the build's other top-level
 * files); API paths that match no route get the JSON 404.
 */
export function registerWeb(app: App, webRoot: string | null): void {
  const built = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (built) {
    app.register(fastifyStatic, {
      root: webRoot,
      serve: false,
      // The build writes `.br` and `.gz` beside each text asset (packages/web/build-plugins):
      // sent to browsers that accept them, with `vary: accept-encoding`.
      preCompressed: true,
      setHeaders: (res, path) => {
        // Vite names assets by content hash; index.html must be re-read to find new ones.
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/', PUBLIC, (_request, reply) => reply.sendFile('index.html'));
    app.get<{ Params: { '*': string } }>('/assets/*', PUBLIC, (request, reply) =>
      reply.sendFile(`assets/${request.params['*']}`),
    );
    for (const file of readdirSync(webRoot)) {
      if (file !== 'index.html' && statSync(join(webRoot, file)).isFile())
        app.get(`/${file}`, PUBLIC, (_request, reply) => reply.sendFile(file));
    }
  } else {
    app.get('/', PUBLIC, (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT));
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = routedPath(request.url);
    if (isDashboardPage(request.method, request.url) && !path.startsWith('/assets/')) {
      if (built) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    throw apiError('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
}
