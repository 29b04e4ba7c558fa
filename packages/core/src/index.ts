// The curated public surface of @impact/core (browser-safe: no Node imports here).

export type { EstateGraph } from './graph/estate-graph.js';
export * from './impact/result-types.js';
export type { Diagnostic, DiagnosticSeverity } from './model/diagnostic.js';
export type { Estate, WorkspaceModel } from './model/estate.js';
export type {
  Confidence,
  EdgeAttributes,
  EdgeKind,
  NodeAttributes,
  NodeKind,
  SecretFacts,
} from './model/graph-types.js';
export { EXTERNAL_WORKSPACE, externalNodeId, nodeId, parseNodeId } from './model/node-id.js';
export type { ConfigModel, PlanModel, StateModel } from './model/workspace.js';
export { describeNotice, renderText } from './report/render-text.js';
export { VERSION } from './version.js';
