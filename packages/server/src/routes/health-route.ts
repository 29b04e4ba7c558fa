import { VERSION } from '@impact/core';
import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { errorResponses, Nullable, StringEnum } from '../schemas/common.js';
import { displayName, withoutAbsolutePaths } from '../views/public-path.js';

const Counts = Type.Record(Type.String(), Type.Integer());

const HealthSchema = Type.Object({
  status: StringEnum(['ok', 'degraded'] as const, {
    description: 'degraded: no estate yet, or the last ingest failed and the previous graph is served',
  }),
  version: Type.String(),
  estate: Type.Object({
    source: Type.String({
      description: 'the estate directory or snapshot, by its name only (no absolute path)',
    }),
    ingestedAt: Nullable(Type.String()),
  }),
  counts: Type.Object({
    workspaces: Type.Integer(),
    resources: Type.Integer(),
    outputs: Type.Integer(),
    nodes: Type.Integer(),
    edges: Type.Integer(),
    edgesByKind: Counts,
    edgesByConfidence: Counts,
    unresolved: Counts,
  }),
  diagnostics: Type.Object({ error: Type.Integer(), warning: Type.Integer(), info: Type.Integer() }),
  ingest: Type.Object({
    state: StringEnum(['idle', 'running'] as const),
    lastError: Type.Optional(
      Type.String({ description: 'why the last ingest failed; paths by their name only' }),
    ),
    lastAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
  }),
});

const EMPTY = {
  workspaces: 0,
  resources: 0,
  outputs: 0,
  nodes: 0,
  edges: 0,
  edgesByKind: {},
  edgesByConfidence: {},
  unresolved: {},
};

/**
 * Open without a token and without rate limit: a probe must always get an answer. Being public,
 * it names the estate and any path in an ingest error by its last segment, never where it lives.
 */
export async function healthRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { rateLimit: false, public: true },
      schema: {
        summary: 'Liveness, estate counts and ingest state (no token needed)',
        tags: ['estate'],
        response: { 200: HealthSchema, ...errorResponses },
      },
    },
    async () => {
      const current = store.current();
      const { lastError, ...ingest } = store.status();
      const stats = current?.built.stats;
      return {
        status: current && lastError === undefined ? 'ok' : 'degraded',
        version: VERSION,
        estate: {
          source: displayName(current?.source ?? store.source),
          ingestedAt: current?.ingestedAt ?? null,
        },
        counts: stats
          ? {
              workspaces: stats.workspaces,
              resources: stats.resources,
              outputs: stats.outputs,
              nodes: stats.nodes,
              edges: stats.edges,
              edgesByKind: stats.edgesByKind,
              // Snapshots written before confidences were counted have none.
              edgesByConfidence: stats.edgesByConfidence ?? {},
              unresolved: stats.unresolved,
            }
          : EMPTY,
        diagnostics: stats?.diagnostics ?? { error: 0, warning: 0, info: 0 },
        ingest: lastError === undefined ? ingest : { ...ingest, lastError: withoutAbsolutePaths(lastError) },
      } as const;
    },
  );
}
