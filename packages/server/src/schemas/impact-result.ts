import { Action, type ImpactResult, SEVERITY_ORDER } from '@impact/core';
import { type Static, Type } from '@sinclair/typebox';
import { DiagnosticSchema, Nullable, SourceSchema, StringEnum } from './common.js';
import { FindingSchema } from './finding.js';
import { CONFIDENCES, EDGE_KINDS, NODE_KINDS } from './graph-enums.js';

const ACTIONS = Object.values(Action);
export const SeveritySchema = StringEnum(SEVERITY_ORDER);

const PathStepSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  kind: StringEnum(EDGE_KINDS),
  attribute: Type.String(),
  confidence: StringEnum(CONFIDENCES),
  evidence: Type.Optional(Type.String()),
  candidates: Type.Optional(Type.Array(Type.String())),
});

/** core's NoticedBy union, flattened: one object whose fields depend on `kind`. */
const NoticedBySchema = Type.Object({
  kind: StringEnum(['schedule', 'runtime', 'next-apply', 'same-apply', 'external'] as const),
  scheduleId: Type.Optional(Type.String()),
  expression: Type.Optional(Type.String()),
  timezone: Type.Optional(Type.String()),
  latest: Type.Optional(Type.Boolean()),
  name: Type.Optional(Type.String()),
  workspace: Type.Optional(Type.String()),
});

const ChangeSchema = Type.Object({
  id: Nullable(Type.String()),
  workspace: Type.String(),
  address: Type.String(),
  type: Type.Optional(Type.String()),
  actions: Type.Array(Type.String()),
  action: StringEnum(ACTIONS),
  recoveryWindowDays: Type.Optional(Type.Integer()),
  newName: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
});

export const ImpactSchema = Type.Object({
  id: Type.String(),
  workspace: Type.String(),
  address: Nullable(Type.String()),
  kind: StringEnum(NODE_KINDS),
  type: Type.Optional(Type.String()),
  label: Type.String(),
  severity: SeveritySchema,
  cause: Type.String(),
  causeId: Type.String(),
  causeName: Type.Optional(Type.String()),
  action: StringEnum(ACTIONS),
  reason: Type.String(),
  confidence: Type.Optional(StringEnum(['ambiguous', 'guess'] as const)),
  noticedAt: Nullable(Type.String({ format: 'date-time' })),
  noticedBy: NoticedBySchema,
  window: Type.Optional(
    Type.Object({
      endsAt: Type.String({ format: 'date-time' }),
      missedBy: Type.Optional(Type.String()),
      marginBefore: Type.Optional(Type.String()),
    }),
  ),
  distance: Type.Integer(),
  path: Type.Array(PathStepSchema),
  otherPaths: Type.Optional(Type.Array(Type.Array(PathStepSchema))),
  source: Type.Optional(SourceSchema),
  stateFile: Type.Optional(Type.String()),
  alsoChangedBy: Type.Optional(Type.Array(Type.String())),
});

const bySeverity = Type.Object({
  irrecoverable: Type.Integer(),
  breaks: Type.Integer(),
  degraded: Type.Integer(),
  info: Type.Integer(),
});

export const ImpactSummarySchema = Type.Object({
  changes: Type.Integer(),
  impacted: Type.Integer(),
  bySeverity,
  doubtful: Type.Optional(Type.Integer()),
  failing: Type.Optional(bySeverity),
  workspaces: Type.Integer(),
  worst: Nullable(SeveritySchema),
});

/** The canonical result of core (`packages/core/src/impact/result-types.ts`), as an allowlist. */
export const ImpactResultSchema = Type.Object(
  {
    formatVersion: Type.Literal('1.0'),
    tool: Type.Object({ name: Type.Literal('impact'), version: Type.String() }),
    workspace: Nullable(Type.String()),
    workspaceInferred: Type.Optional(Type.Boolean()),
    now: Type.String({ format: 'date-time' }),
    changes: Type.Array(ChangeSchema),
    impacts: Type.Array(ImpactSchema),
    summary: ImpactSummarySchema,
    warnings: Type.Array(
      Type.Object({ code: Type.String(), message: Type.String(), address: Type.Optional(Type.String()) }),
    ),
    diagnostics: Type.Array(DiagnosticSchema),
    findings: Type.Optional(Type.Array(FindingSchema)),
    truncated: Type.Optional(
      Type.Object({
        impacts: Type.Integer({ description: 'impacts not listed' }),
        unanalysed: Type.Optional(
          Type.Integer({
            description:
              'of those, cut by the analysis limit or depth (at least this many): not in `summary` either',
          }),
        ),
      }),
    ),
  },
  {},
);

// Fails the typecheck when a field of core's result changes in a way this allowlist cannot carry.
export type ImpactResultView = Static<typeof ImpactResultSchema>;
const _fits = (r: ImpactResult): ImpactResultView => r;
void _fits;
