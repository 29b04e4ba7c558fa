import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { errorResponses, Nullable } from '../schemas/common.js';
import { displayName, withoutAbsolutePaths } from '../views/public-path.js';

const Summary = Type.Object({
  workspaces: Type.Integer(),
  fetched: Type.Integer({ description: 'states read anew (their version changed)' }),
  reused: Type.Integer({ description: 'states kept from the previous ingest' }),
  relinked: Type.Integer({ description: 'workspaces whose per-workspace linkers ran' }),
  reread: Type.Integer({
    description: 'unchanged states read again because a change touched what they name',
  }),
  removed: Type.Integer(),
  ms: Type.Integer(),
  patched: Type.Boolean({
    description:
      'whether the live graph was patched in place (else built anew: the first ingest, or a change it cannot take)',
  }),
});

const SourcesSchema = Type.Object({
  version: Type.Integer({ description: 'graphs taken so far: one more each time a new graph is live' }),
  watch: Nullable(
    Type.Object({
      intervalMs: Type.Integer(),
      lastPollAt: Type.Optional(Type.String({ format: 'date-time' })),
      lastSummary: Type.Optional(Summary),
    }),
  ),
  sources: Type.Array(
    Type.Object({
      name: Type.String({
        description: 'a source URL (s3://, gs://, azblob://, tfc://), or a directory by its name',
      }),
      kind: Type.String(),
      lastPollAt: Type.Optional(Type.String({ format: 'date-time' })),
      lastChangeAt: Type.Optional(Type.String({ format: 'date-time' })),
      objects: Type.Integer({ description: 'objects (or workspaces) its last good listing held' }),
      workspaces: Type.Integer(),
      fetched: Type.Integer({ description: 'states read in its last poll' }),
      lastError: Type.Optional(Type.String()),
      lastErrorAt: Type.Optional(Type.String({ format: 'date-time' })),
    }),
  ),
});

/** `GET /api/sources`: where the estate is read from, each source's last poll, change, counts and error. */
export async function sourcesRoute(app: App, { store }: RouteOptions): Promise<void> {
  app.get(
    '/api/sources',
    {
      schema: {
        summary: "The estate's sources: last poll, last change, object counts and last error",
        tags: ['estate'],
        response: { 200: SourcesSchema, ...errorResponses },
      },
    },
    async () => ({
      version: store.version(),
      watch: store.watch(),
      sources: store.sources().map((s) => ({
        ...s,
        name: s.kind === 'directory' || s.kind === 'snapshot' ? displayName(s.name) : s.name,
        ...(s.lastError !== undefined ? { lastError: withoutAbsolutePaths(s.lastError) } : {}),
      })),
    }),
  );
}
