import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { VERSION } from '@impact/core';
import type { App } from './app-types.js';

/** OpenAPI 3 from the route schemas, at `/openapi.json`, and its page at `/docs`. */
export function registerDocs(app: App): void {
  app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'impact REST API',
        version: VERSION,
        description: 'What breaks, where and when, if a Terraform change lands. Contract: docs/api.md.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // The page gets the same CSP as the dashboard (security-headers.ts, documented in docs/api.md):
    // swagger-ui's own static CSP forbade the <style> element it injects, and allowed https fonts.
    // Its validator badge stays off (the plugin's default): an image from validator.swagger.io.
    staticCSP: false,
  });
  app.register(async (docs: App) => {
    docs.get('/openapi.json', { schema: { hide: true } }, async () => docs.swagger());
  });
}
