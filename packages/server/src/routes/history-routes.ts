import { HISTORY_FORMAT, type SecretEvent, type StoredAlert, type VersionRecord } from '@impact/core';
import { Type } from '@sinclair/typebox';
import type { App, RouteOptions } from '../app-types.js';
import { apiError } from '../errors.js';
import { errorResponses, Nullable, StringEnum } from '../schemas/common.js';
import { ImpactSchema, ImpactSummarySchema } from '../schemas/impact-result.js';

/** An object the schema describes, not restricts: nested documents of core's history types. */
const Described = <T>(description: string) =>
  Type.Unsafe<T>({ type: 'object', additionalProperties: true, description });

const DiffSummarySchema = Type.Object({
  workspacesAdded: Type.Integer(),
  workspacesRemoved: Type.Integer(),
  resourcesAdded: Type.Integer(),
  resourcesRemoved: Type.Integer(),
  resourcesChanged: Type.Integer(),
  edgesAdded: Type.Integer(),
  edgesRemoved: Type.Integer(),
  secretEvents: Type.Integer(),
});
const TRIGGERS = ['start', 'watch', 'api', 'cli'] as const;
const TotalsSchema = Type.Object({
  workspaces: Type.Integer(),
  resources: Type.Integer(),
  edges: Type.Integer(),
});
const StoreSchema = Nullable(
  Type.Object(
    { kind: StringEnum(['embedded', 'postgres'] as const), location: Type.String() },
    { description: 'where the history is kept; null when the server keeps none (no --store)' },
  ),
);

const VersionHeaderSchema = Type.Object({
  version: Type.Integer(),
  recordedAt: Type.String({ format: 'date-time' }),
  trigger: StringEnum(TRIGGERS),
  estate: Type.String(),
  totals: TotalsSchema,
  summary: Nullable(DiffSummarySchema),
  events: Type.Record(Type.String(), Type.Integer(), { description: 'secret lifecycle events by kind' }),
});

const VersionRecordSchema = Type.Object({
  version: Type.Integer(),
  recordedAt: Type.String({ format: 'date-time' }),
  trigger: StringEnum(TRIGGERS),
  estate: Type.String(),
  totals: TotalsSchema,
  states: Type.Array(
    Type.Object({ workspace: Type.String(), version: Type.String(), updated: Type.Optional(Type.String()) }),
    { description: 'every state the version was built from, with the source version and last-modified time' },
  ),
  changes: Nullable(
    Described<NonNullable<VersionRecord['changes']>>(
      'what changed since the previous version: `summary` counts, `workspaces`/`resources`/`edges` id lists (at most 5,000 each; `truncated` names the lists cut) and `secretEvents` (see docs/api.md); null for the first version',
    ),
  ),
});

const AlertSchema = Type.Object({
  formatVersion: Type.Literal(HISTORY_FORMAT),
  id: Type.String(),
  kind: StringEnum(['secret_deleted', 'secret_replaced'] as const),
  status: StringEnum(['open', 'cleared', 'expired'] as const),
  secret: Described<StoredAlert['secret']>(
    'id, workspace, address, service, type, name, arn, account, region',
  ),
  previousArn: Type.Optional(Type.String()),
  version: Type.Integer(),
  observedAt: Type.String({ format: 'date-time' }),
  changedAt: Type.String({ format: 'date-time' }),
  changedAtFrom: StringEnum(['source', 'observed'] as const),
  recoveryWindowDays: Nullable(Type.Integer()),
  restoreBefore: Nullable(Type.String({ format: 'date-time' })),
  recoverability: Type.String(),
  fix: Type.Optional(Type.Object({ command: Type.String(), note: Type.Optional(Type.String()) })),
  impacts: Type.Array(ImpactSchema),
  summary: ImpactSummarySchema,
  afterWindow: Type.Integer({ description: 'consumers that notice only after the window closes' }),
  text: Type.String({ description: 'the Slack-compatible text the webhooks receive' }),
  cleared: Type.Optional(
    Type.Object({ at: Type.String({ format: 'date-time' }), version: Type.Integer(), reason: Type.String() }),
  ),
});

const FORMAT = { formatVersion: HISTORY_FORMAT } as const;

/** `since=` is a version number or an ISO 8601 time. */
function parseSince(since: string | undefined): { sinceVersion?: number; sinceTime?: string } {
  if (since === undefined || since === '') return { sinceVersion: 0 };
  if (/^\d+$/.test(since)) return { sinceVersion: Number(since) };
  const t = Date.parse(since);
  if (Number.isNaN(t))
    throw apiError('BAD_REQUEST', 'since is neither a version number nor an ISO 8601 time');
  return { sinceTime: new Date(t).toISOString() };
}

/**
 * The estate's memory (issue 14): versions, what changed, and deletion alerts. A server without
 * a store answers them too, empty, with `store: null`.
 */
export async function historyRoutes(app: App, { history }: RouteOptions): Promise<void> {
  const store = history?.store ?? null;
  const storeView = () => (store ? { kind: store.kind, location: store.location } : null);

  app.get(
    '/api/history',
    {
      schema: {
        summary: 'Recorded versions of the estate, newest first, with counts of what each changed',
        tags: ['history'],
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          before: Type.Optional(Type.Integer({ minimum: 1, description: 'versions older than this one' })),
        }),
        response: {
          200: Type.Object({
            formatVersion: Type.Literal(HISTORY_FORMAT),
            store: StoreSchema,
            versions: Type.Array(VersionHeaderSchema),
            next: Nullable(Type.Integer({ description: 'pass as `before` for the next page' })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const versions = store
        ? await store.history({ limit: limit + 1, ...(before !== undefined ? { before } : {}) })
        : [];
      const page = versions.slice(0, limit);
      const more = versions.length > limit;
      return {
        ...FORMAT,
        store: storeView(),
        versions: page,
        next: more ? (page.at(-1)?.version ?? null) : null,
      };
    },
  );

  app.get(
    '/api/history/:version',
    {
      schema: {
        summary: 'One recorded version: the states it read and everything that changed',
        tags: ['history'],
        params: Type.Object({ version: Type.Integer({ minimum: 1 }) }),
        response: { 200: VersionRecordSchema, ...errorResponses },
      },
    },
    async (request) => {
      const record = store ? await store.version(request.params.version) : null;
      if (!record)
        throw apiError(
          'VERSION_NOT_FOUND',
          store
            ? `no version ${request.params.version} is recorded`
            : 'this server keeps no history (start it with --store)',
        );
      return record;
    },
  );

  app.get(
    '/api/changes',
    {
      schema: {
        summary: 'Versions recorded after a version or a time, oldest first, with what each changed',
        tags: ['history'],
        querystring: Type.Object({
          since: Type.Optional(
            Type.String({
              maxLength: 40,
              description: 'a version number, or an ISO 8601 time (default: from the first)',
            }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: {
          200: Type.Object({
            formatVersion: Type.Literal(HISTORY_FORMAT),
            store: StoreSchema,
            versions: Type.Array(VersionRecordSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const since = parseSince(request.query.since);
      const versions = store ? await store.changes({ ...since, limit: request.query.limit }) : [];
      return { ...FORMAT, store: storeView(), versions };
    },
  );

  app.get(
    '/api/alerts',
    {
      schema: {
        summary: 'Deletion alerts: secrets gone from a state, with restore deadlines and consumers at risk',
        tags: ['history'],
        querystring: Type.Object({
          status: Type.Optional(
            StringEnum(['open', 'cleared', 'all'] as const, {
              description: '`open`: not cleared (open and expired); default open',
            }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: {
          200: Type.Object({
            formatVersion: Type.Literal(HISTORY_FORMAT),
            store: StoreSchema,
            now: Type.String({ format: 'date-time' }),
            alerts: Type.Array(AlertSchema),
            open: Type.Integer({ description: 'alerts whose secret can still be restored (status open)' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { status = 'open', limit } = request.query as {
        status?: 'open' | 'cleared' | 'all';
        limit: number;
      };
      const alerts = store ? await store.alerts({ status, limit }) : [];
      const open = store
        ? (await store.alerts({ status: 'open', limit: 500 })).filter((a) => a.status === 'open').length
        : 0;
      return { ...FORMAT, store: storeView(), now: new Date().toISOString(), alerts, open };
    },
  );

  app.get(
    '/api/nodes/:id/history',
    {
      schema: {
        summary: "One secret's lifecycle events across the recorded versions, and its alerts",
        tags: ['history'],
        params: Type.Object({ id: Type.String({ minLength: 1, description: 'node id (percent-encoded)' }) }),
        response: {
          200: Type.Object({
            formatVersion: Type.Literal(HISTORY_FORMAT),
            store: StoreSchema,
            events: Type.Array(
              Type.Object({
                version: Type.Integer(),
                recordedAt: Type.String({ format: 'date-time' }),
                event: Described<SecretEvent>('a secret lifecycle event, as in `secretEvents`'),
              }),
            ),
            alerts: Type.Array(AlertSchema),
            scanned: Type.Integer({ description: 'versions looked at (the latest 500 at most)' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      if (!store) return { ...FORMAT, store: null, events: [], alerts: [], scanned: 0 };
      const latest = await store.latestVersion();
      const from = Math.max(0, latest - HISTORY_SCAN);
      const records: VersionRecord[] = [];
      for (let since = from; ; ) {
        const page = await store.changes({ sinceVersion: since, limit: 100 });
        records.push(...page);
        if (page.length < 100) break;
        since = page.at(-1)?.version ?? latest;
      }
      const events = records
        .flatMap((r) =>
          (r.changes?.secretEvents ?? [])
            .filter((e) => e.secret.id === id || (e.event === 'replaced' && e.previous.id === id))
            .map((event) => ({ version: r.version, recordedAt: r.recordedAt, event })),
        )
        .reverse();
      const alerts = (await store.alerts({ status: 'all', limit: 500 })).filter((a) => a.secret.id === id);
      return { ...FORMAT, store: storeView(), events, alerts, scanned: records.length };
    },
  );
}

/** Versions a secret's history looks through. */
const HISTORY_SCAN = 500;
