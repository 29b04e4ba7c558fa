// The curated public surface of @impact/core (browser-safe: no Node imports here).

export type { EstateGraph } from './graph/estate-graph.js';
export { bumpRevision, graphRevision, isLive, markLive, perRevision } from './graph/graph-revision.js';
export type {
  ChangedResource,
  EstateDiff,
  SecretEvent,
  SecretEventKind,
  SecretIdentity,
} from './history/diff-estates.js';
export {
  type AlertDelivery,
  type AlertKind,
  type AlertStatus,
  CHANGE_LIST_LIMIT,
  type DeletionAlert,
  HISTORY_FORMAT,
  type StateVersionRef,
  type StoredAlert,
  type VersionChanges,
  type VersionHeader,
  type VersionRecord,
  type VersionTrigger,
} from './history/history-types.js';
export {
  CONSUMER_KIND_LABELS,
  ConsumerKind,
  consumerKindOf,
  isWriteOnly,
  KUBERNETES_RESOURCE_TYPES,
} from './impact/consumer-kind.js';
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
export { formatUtc } from './report/format-utc.js';
export { noticeSentence } from './report/notice-sentence.js';
export { renderGithub } from './report/render-github.js';
export { renderJson } from './report/render-json.js';
export { renderMarkdown } from './report/render-markdown.js';
export { renderMermaid } from './report/render-mermaid.js';
export { renderSarif } from './report/render-sarif.js';
export { renderText } from './report/render-text.js';
export type { ReportOptions } from './report/report-options.js';
export { REPORTERS, type ReportFormat } from './report/reporters.js';
export { textSafe } from './report/text-safe.js';
export type { Consumer, Finding, RuleLevel } from './rules/rule-types.js';
export { VERSION } from './version.js';
