import type { EstateGraph } from '../graph/estate-graph.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Estate, WorkspaceModel } from '../model/estate.js';
import type { ResourceInstance } from '../model/workspace.js';
import type { IdentityIndex } from './identity-index.js';

export interface InstanceRef {
  id: string;
  workspace: WorkspaceModel;
  resource: ResourceInstance;
}

/** What the per-file linkers read of an instance: they run where its file was parsed. */
export interface FileInstance {
  id: string;
  workspace: { name: string };
  resource: ResourceInstance;
}

export interface LinkStats {
  edges: Record<string, number>;
  unresolved: Record<string, number>;
}

/** What every linker gets: the graph, the models behind its nodes, and the identity index. */
export interface LinkContext {
  graph: EstateGraph;
  estate: Estate;
  index: IdentityIndex;
  instances: InstanceRef[];
  /** Workspace name → address in module (`aws_x.y`, `data.t.n`, `module.m`) → node ids. */
  byConfigAddress: Map<string, Map<string, string[]>>;
  diagnostics: Diagnostic[];
  stats: LinkStats;
}

export type Linker = (ctx: LinkContext) => void;
