import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { ERROR_CODES } from '../errors.js';

/** A string enum that stays a plain `enum` in the OpenAPI document. */
export function StringEnum<T extends string>(values: readonly T[], options: { description?: string } = {}) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

/**
 * `T | null` as a JSON Schema type list rather than `anyOf`: fast-json-stringify serialises
 * `anyOf` by validating each value against every branch, which tripled the cost of an impact answer.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const type: unknown = schema.type;
  if (typeof type !== 'string') throw new Error('Nullable takes a schema with a single `type`');
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
}

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(ERROR_CODES),
      message: Type.String(),
      statusCode: Type.Integer(),
    }),
  },
  { description: 'The one error shape; codes are listed in docs/api.md' },
);

/** Error answers every route may give, as an allowlist too. */
export const errorResponses = {
  '4xx': ErrorBodySchema,
  '5xx': ErrorBodySchema,
} as const;

export const DiagnosticSchema = Type.Object({
  severity: StringEnum(['error', 'warning', 'info'] as const),
  code: Type.String(),
  file: Type.Optional(Type.String()),
  workspace: Type.Optional(Type.String()),
  message: Type.String(),
});

export const SourceSchema = Type.Object({ file: Type.String(), line: Type.Integer() });
