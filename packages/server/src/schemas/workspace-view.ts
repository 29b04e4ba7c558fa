import { type Static, Type } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const WorkspaceViewSchema = Type.Object({
  name: Type.String(),
  backend: Nullable(Type.String()),
  stateFile: Type.Optional(Type.String()),
  configDir: Type.Optional(Type.String()),
  resources: Type.Integer({ description: 'resource, data and schedule nodes' }),
  outputs: Type.Integer(),
  consumers: Type.Integer({ description: 'other workspaces that depend on this one' }),
  producers: Type.Integer({ description: 'other workspaces this one depends on' }),
});
export type WorkspaceView = Static<typeof WorkspaceViewSchema>;
