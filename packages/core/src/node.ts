// Node-side surface of @impact/core: ingest, graph, impact (uses node:crypto and the file system).

export { type BuiltGraph, buildGraph, type IngestStats } from './graph/build-graph.js';
export { createEstateGraph } from './graph/estate-graph.js';
export {
  fromSnapshot,
  fromSnapshotLines,
  SNAPSHOT_FORMAT,
  type Snapshot,
  snapshotLines,
  toSnapshot,
} from './graph/snapshot.js';
export {
  type AlertContext,
  alertDelivery,
  clearedAlerts,
  deletionAlerts,
} from './history/deletion-alerts.js';
export {
  type ChangedResource,
  diffEstates,
  ESTATE_DIFF_FORMAT,
  type EstateDiff,
  hasDifferences,
  type SecretEvent,
  SecretEventKind,
  type SecretIdentity,
} from './history/diff-estates.js';
export {
  DIFF_LIST_LIMIT,
  DIFF_REPORTERS,
  diffSummary,
  type EstateDiffFormat,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
} from './history/render-estate-diff.js';
export { type AnalysePlanOptions, analysePlans, type PlanAnalysis } from './impact/analyse-plan.js';
export { blastRadius } from './impact/blast-radius.js';
export { breaches, summarise } from './impact/build-result.js';
export { mergeResults } from './impact/merge-results.js';
export { type QueryOptions, queryImpact } from './impact/query-impact.js';
export { resolveNode } from './impact/resolve-node.js';
export * from './index.js';
export { ingestHclFiles } from './ingest/ingest-hcl.js';
export type { SourceWorkspace } from './ingest/parse-manifest.js';
export { readTerraformJson, type TerraformDocument } from './ingest/read-terraform-json.js';
export { digestKey, useDigestKey } from './ingest/value-digest.js';
export { diagnostic } from './model/diagnostic.js';
export { directoryProvider } from './node/directory-provider.js';
export { emptyEstateMessage } from './node/empty-estate-message.js';
export {
  createEstateIngest,
  type EstateIngest,
  type EstateProvider,
  type IngestOutcome,
  type IngestSummary,
  type LoadedWorkspace,
  type ProviderListing,
  type SourceStatus,
  sourceDiagnostic,
  type WorkspaceItem,
} from './node/estate-ingest.js';
export { type LoadEstateOptions, type LoadedEstate, loadEstate, MAX_WORKERS } from './node/load-estate.js';
export {
  type EstateListing,
  listManifest,
  type ManifestSource,
  type ReadEstateOptions,
  readEstate,
} from './node/read-estate.js';
export { readSnapshot, writeSnapshot } from './node/snapshot-file.js';
export { type SourceSettings, sourceProvider } from './node/source-provider.js';
export { FINDINGS_REPORTERS, type FindingsFormat } from './report/findings/findings-reporters.js';
export { type FindingsResult, findingsResult } from './report/findings/findings-result.js';
export { consumersOf, secretIds } from './rules/consumers.js';
export { type EvaluateOptions, evaluateRules, unknownRules } from './rules/evaluate-rules.js';
export { RULES } from './rules/registry.js';
export {
  formatLocation,
  isSourceUrl,
  type ParsedLocation,
  parseSourceUrl,
  type SourceLocation,
  TFC_HOST,
} from './source/source-url.js';
export { azureState, gcsState, type KeyedState, s3State, tfcState } from './source/state-keys.js';
export { type SourceEntry, SourceError, SourceFailure, type StateSource } from './source/state-source.js';
