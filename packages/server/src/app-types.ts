import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { EstateStore } from './estate-store.js';
import type { HistoryRecorder } from './history/recorder.js';
import type { TypeBoxProvider } from './type-provider.js';

/** The fastify instance with TypeBox types, as the routes see it. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxProvider
>;

/** What every route plugin is registered with. */
export interface RouteOptions {
  store: EstateStore;
  /** The estate's history (`--store`), or null when the server keeps none. */
  history: HistoryRecorder | null;
}
