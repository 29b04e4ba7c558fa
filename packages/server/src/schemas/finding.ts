import { Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.js';

/** A secret hygiene finding: identities, paths and messages only (an allowlist). */
export const FindingSchema = Type.Object({
  rule: Type.String(),
  severity: StringEnum(['error', 'warn', 'info'] as const),
  id: Type.String({ description: 'the node the finding is about' }),
  workspace: Type.String(),
  address: Nullable(Type.String()),
  message: Type.String(),
  evidence: Type.Array(Type.String(), { description: 'identities and paths, never values' }),
  source: Type.Optional(Type.Object({ file: Type.String(), line: Type.Integer() })),
});
