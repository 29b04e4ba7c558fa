import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyTypeProvider } from 'fastify';

/**
 * Route types from the TypeBox schemas. Written here because the installed
 * `@fastify/type-provider-typebox` 6 is typed against `typebox` 1.x, while this package's
 * schemas use `@sinclair/typebox` 0.34; the provider itself is these four lines.
 */
export interface TypeBoxProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
}
