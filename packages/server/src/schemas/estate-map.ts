import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.js';

const FINDING_SEVERITIES = ['error', 'warn', 'info'] as const;

/** One workspace of the map: counts and the worst finding in it (an allowlist: no values). */
export const MapWorkspaceSchema = Type.Object({
  name: Type.String(),
  resources: Type.Integer({ description: 'resource, data and schedule nodes' }),
  secrets: Type.Integer({ description: 'Secrets Manager secrets, SSM parameters and KMS keys' }),
  findings: Type.Object({ error: Type.Integer(), warn: Type.Integer(), info: Type.Integer() }),
  worst: Nullable(StringEnum(FINDING_SEVERITIES, { description: 'severity of its worst finding' })),
});

/** Consumer workspace → producer workspace, weighted by the graph edges between their nodes. */
export const MapLinkSchema = Type.Object({
  from: Type.String({ description: 'the consumer workspace' }),
  to: Type.String({ description: 'the producer workspace' }),
  count: Type.Integer({ description: 'edges from nodes of `from` to nodes of `to`' }),
  kinds: Type.Record(Type.String(), Type.Integer(), { description: 'those edges by kind' }),
});

export const EstateMapSchema = Type.Object({
  workspaces: Type.Array(MapWorkspaceSchema),
  links: Type.Array(MapLinkSchema),
});
export type EstateMap = Static<typeof EstateMapSchema>;
export type MapWorkspace = Static<typeof MapWorkspaceSchema>;
export type MapLink = Static<typeof MapLinkSchema>;
