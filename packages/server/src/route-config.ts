/**
 * What a route declares about its access, in its `config` (after fastify's route config):
 * the guards read it from the route the router matched, never from the raw URL.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered without a token: `/api/health` and the dashboard shell (no estate data in either). */
    public?: boolean;
    /** Media types a POST may carry (default: JSON only). */
    bodyTypes?: readonly string[];
  }
}

/** The default for {@link FastifyContextConfig.bodyTypes}. */
export const JSON_BODY: readonly string[] = ['application/json'];
