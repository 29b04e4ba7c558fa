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
    staticCSP: true,
    // Served over plain HTTP on loopback: upgrading its requests to https would break the page.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  app.register(async (docs: App) => {
    docs.get('/openapi.json', { schema: { hide: true } }, async () => docs.swagger());
  });
}
