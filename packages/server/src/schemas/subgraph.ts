import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './common.js';
import { CONFIDENCES, EDGE_KINDS, NODE_KINDS } from './graph-enums.js';
import { SeveritySchema } from './impact-result.js';

/** What the dashboard draws for an impact answer: the changed node(s) at distance 0 and every impacted node. */
export const SubgraphSchema = Type.Object({
  nodes: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      kind: StringEnum(NODE_KINDS),
      workspace: Type.String(),
      type: Type.Optional(Type.String()),
      distance: Type.Integer(),
      severity: Type.Optional(SeveritySchema),
    }),
  ),
  edges: Type.Array(
    Type.Object({
      key: Type.String(),
      from: Type.String(),
      to: Type.String(),
      kind: StringEnum(EDGE_KINDS),
      confidence: StringEnum(CONFIDENCES),
    }),
  ),
  truncated: Type.Integer({
    description:
      'impacts not listed (by `limit`) or not analysed (by `depth` or the analysis limit): not drawn',
  }),
});
export type Subgraph = Static<typeof SubgraphSchema>;
