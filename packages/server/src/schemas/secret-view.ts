import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.js';

export const SecretViewSchema = Type.Object({
  id: Type.String(),
  workspace: Type.String(),
  address: Type.String(),
  type: Type.String(),
  name: Nullable(Type.String()),
  arn: Nullable(Type.String()),
  service: StringEnum(['secretsmanager', 'ssm', 'kms'] as const),
  recoveryWindowDays: Nullable(Type.Integer()),
  rotation: Nullable(
    Type.Object({
      enabled: Type.Boolean(),
      days: Type.Optional(Type.Number()),
      lambdaArn: Type.Optional(Type.String()),
    }),
  ),
  kmsKeyId: Type.Optional(Type.String()),
  replicaRegions: Type.Optional(Type.Array(Type.String())),
  consumers: Type.Integer({ description: 'nodes in other workspaces within its blast radius' }),
  consumerWorkspaces: Type.Integer(),
  worstFinding: Nullable(Type.String()),
});
export type SecretView = Static<typeof SecretViewSchema>;
