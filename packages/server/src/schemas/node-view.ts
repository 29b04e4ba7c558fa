import { type Static, Type } from '@sinclair/typebox';
import { Nullable, SourceSchema, StringEnum } from './common.js';
import { CONFIDENCES, EDGE_KINDS, NODE_KINDS } from './graph-enums.js';

/** Secret facts without `valueDigest`: not a value, but nothing a client needs either. */
export const SecretFactsSchema = Type.Object({
  service: StringEnum(['secretsmanager', 'ssm', 'kms'] as const),
  recoveryWindowDays: Type.Optional(Type.Integer()),
  rotation: Type.Optional(
    Type.Object({
      enabled: Type.Boolean(),
      lambdaArn: Type.Optional(Type.String()),
      days: Type.Optional(Type.Number()),
      immediately: Type.Optional(Type.Boolean()),
      schedule: Type.Optional(Type.String()),
    }),
  ),
  kmsKeyId: Type.Optional(Type.String()),
  managedBy: Type.Optional(Type.String()),
  replicaRegions: Type.Optional(Type.Array(Type.String())),
  parameterType: Type.Optional(Type.String()),
  valueInState: Type.Optional(Type.Boolean()),
  writeOnly: Type.Optional(Type.Boolean()),
});

export const NodeViewSchema = Type.Object(
  {
    id: Type.String(),
    kind: StringEnum(NODE_KINDS),
    workspace: Type.String(),
    address: Nullable(Type.String()),
    label: Type.String(),
    type: Type.Optional(Type.String()),
    arn: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    region: Type.Optional(Type.String()),
    account: Type.Optional(Type.String()),
    scopeFrom: Type.Optional(StringEnum(['arn', 'workspace', 'manifest'] as const)),
    identityRedacted: Type.Optional(Type.Array(Type.String())),
    secret: Type.Optional(SecretFactsSchema),
    schedule: Type.Optional(
      Type.Object({
        expression: Type.String(),
        timezone: Type.Optional(Type.String()),
        enabled: Type.Optional(Type.Boolean()),
      }),
    ),
    source: Type.Optional(SourceSchema),
    sensitive: Type.Optional(Type.Boolean()),
    valuesInState: Type.Optional(Type.Array(Type.String())),
    hardcodedSecrets: Type.Optional(Type.Array(Type.String())),
    backend: Type.Optional(Type.String()),
    stateFile: Type.Optional(Type.String()),
    configDir: Type.Optional(Type.String()),
  },
  {},
);
export type NodeView = Static<typeof NodeViewSchema>;

export const EdgeViewSchema = Type.Object(
  {
    key: Type.String(),
    from: Type.String({ description: 'the dependent (consumer)' }),
    to: Type.String({ description: 'the dependency (producer)' }),
    kind: StringEnum(EDGE_KINDS),
    attribute: Type.String(),
    confidence: StringEnum(CONFIDENCES),
    evidence: Type.Optional(Type.String()),
    candidates: Type.Optional(Type.Array(Type.String())),
  },
  {},
);
export type EdgeView = Static<typeof EdgeViewSchema>;
