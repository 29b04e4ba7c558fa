import type { EstateGraph } from '../graph/estate-graph.js';
import type { WorkspaceFacts } from '../graph/workspace-facts.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Estate, WorkspaceModel } from '../model/estate.js';
import type { NodeAttributes } from '../model/graph-types.js';
import type { ResourceInstance } from '../model/workspace.js';
import type { EvidenceSink } from './evidence-sink.js';
import type { IdentityIndex } from './identity-index.js';
import type { Scope } from './scope.js';

/** A resource instance as the per-workspace linkers read it: its node id, model and scope. */
export interface FileInstance {
  id: string;
  resource: ResourceInstance;
  /** Where AWS resolves the names this instance writes (its node's account and region). */
  scope: Scope;
  /** Its node's facts (type, identity): what it is, beside what its attributes say. */
  node: NodeAttributes;
}

/** One workspace, as the per-workspace linkers see it (in the main thread or an ingest worker). */
export interface WorkspaceUnit {
  workspace: string;
  instances: FileInstance[];
  /** Whether its HCL configuration was ingested: then references, not values, decide what it reads. */
  hasConfig: boolean;
}

/** A workspace as the estate-wide linkers see it: the model (state may be absent in workers) and its facts. */
export interface LinkedWorkspace {
  model: WorkspaceModel;
  facts: WorkspaceFacts;
  /** Node id of each state resource, in state order; null for a repeated address. */
  ids: (string | null)[];
}

export interface LinkStats {
  edges: Record<string, number>;
  unresolved: Record<string, number>;
}

/** What every estate-wide linker gets: the graph, every workspace's facts, and the identity index. */
export interface LinkContext {
  graph: EstateGraph;
  estate: Estate;
  index: IdentityIndex;
  /** Every workspace of the estate: what a linker looks things up in (backends, outputs, facts). */
  workspaces: LinkedWorkspace[];
  /**
   * The workspaces to link: every one in a build, only those re-linked when a live graph is
   * patched (node/live-build.ts). A linker emits evidence only from these workspaces' nodes.
   */
  units: LinkedWorkspace[];
  /** Workspace name → address in module (`aws_x.y`, `data.t.n`, `module.m`) → node ids. */
  byConfigAddress: Map<string, Map<string, string[]>>;
  /** `terraform_remote_state` reader id → the workspace it reads (filled by the remote-state linker). */
  remoteStates: Map<string, string>;
  /**
   * Reader id → the outputs its producer marks sensitive: its copy of them is redacted before any
   * per-workspace linker reads it, here or in an ingest worker.
   */
  sensitiveCopies: Map<string, string[]>;
  diagnostics: Diagnostic[];
  stats: LinkStats;
  /** Where evidence goes: counted, and an edge whose end is missing is reported, never dropped. */
  sink: EvidenceSink;
}

/** A linker that needs the whole estate; runs on the main thread. */
export interface EstateLinker {
  name: string;
  unit: 'estate';
  run(ctx: LinkContext): void;
}

/** A linker that reads one workspace's attributes; runs where its state was parsed. */
export interface WorkspaceLinker {
  name: string;
  unit: 'workspace';
  run(unit: WorkspaceUnit, index: IdentityIndex, sink: EvidenceSink): void;
}

export type Linker = EstateLinker | WorkspaceLinker;
