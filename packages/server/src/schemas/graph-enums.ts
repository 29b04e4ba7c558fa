import type { Confidence, EdgeKind, NodeKind } from '@impact/core';

// Records keyed by core's unions, so a kind added in core fails the typecheck here until listed.
const nodeKinds: Record<NodeKind, true> = {
  workspace: true,
  resource: true,
  data: true,
  output: true,
  schedule: true,
  external: true,
  provider: true,
  ephemeral: true,
  module: true,
  dependency: true,
};
const edgeKinds: Record<EdgeKind, true> = {
  depends_on: true,
  reads_output: true,
  output_of: true,
  lookup: true,
  arn_reference: true,
  iam_grant: true,
  schedules: true,
  rotates: true,
  encrypts: true,
  replicates: true,
  policy_grants: true,
  remote_state: true,
  managed_by: true,
  module_input: true,
};
const confidences: Record<Confidence, true> = {
  reference: true,
  exact: true,
  arn_without_suffix: true,
  name: true,
  wildcard: true,
  ambiguous: true,
  guess: true,
};

export const NODE_KINDS = Object.keys(nodeKinds) as NodeKind[];
export const EDGE_KINDS = Object.keys(edgeKinds) as EdgeKind[];
export const CONFIDENCES = Object.keys(confidences) as Confidence[];
