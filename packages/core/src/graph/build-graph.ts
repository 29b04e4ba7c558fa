import { type ConsumerKind, isWriteOnly, KUBERNETES_RESOURCE_TYPES } from '../impact/consumer-kind.js';
import { configAddress, modulePath } from '../ingest/resource-address.js';
import { type EvidenceSink, GraphSink } from '../link/evidence-sink.js';
import { IdentityIndex } from '../link/identity-index.js';
import type {
  FileInstance,
  LinkContext,
  LinkedWorkspace,
  LinkStats,
  WorkspaceLinker,
  WorkspaceUnit,
} from '../link/link-context.js';
import { LINKERS } from '../link/linkers.js';
import { scopeOf } from '../link/scope.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { Estate, WorkspaceModel } from '../model/estate.js';
import type { NodeAttributes } from '../model/graph-types.js';
import { nodeId } from '../model/node-id.js';
import type { ResourceInstance, StateModel } from '../model/workspace.js';
import { addConfigNodes } from './config-nodes.js';
import { createEstateGraph, type EstateGraph } from './estate-graph.js';
import { extractWorkspace } from './extract-workspace.js';
import type { WorkspaceFacts } from './workspace-facts.js';

export interface IngestStats {
  workspaces: number;
  resources: number;
  outputs: number;
  nodes: number;
  edges: number;
  edgesByKind: Record<string, number>;
  /** Edges by confidence: how many are exact, by name, ambiguous, guesses. */
  edgesByConfidence: Record<string, number>;
  unresolved: Record<string, number>;
  /**
   * Consumers only configuration shows, by kind: provider configurations, ephemeral resources,
   * resources with a write-only argument linked, module calls passed something, Terragrunt
   * dependencies, Kubernetes objects that read a secret. Absent in snapshots written before them.
   */
  consumers?: Partial<Record<ConsumerKind, number>>;
  diagnostics: { error: number; warning: number; info: number };
}

export interface BuiltGraph {
  graph: EstateGraph;
  diagnostics: Diagnostic[];
  stats: IngestStats;
}

/**
 * Estate models → the knowledge graph: every workspace's nodes and identities, then the
 * registered linkers ({@link LINKERS}) in order. Models are not kept: the graph holds only
 * value-free facts.
 */
export function buildGraph(estate: Estate): BuiltGraph {
  const builder = new GraphBuilder();
  for (const ws of estate.workspaces) builder.addWorkspace(ws);
  for (const linker of builder.linkStages(estate)) {
    for (const unit of builder.units()) linker.run(unit, builder.index, builder.sink);
  }
  return builder.finish(estate);
}

/** A workspace's own nodes, as a build adds them: what {@link workspaceNodes} gives. */
export interface WorkspaceNodes {
  /** Every node, in the order a build adds them: the workspace's, its resources', configuration-only ones, its outputs'. */
  nodes: [string, NodeAttributes][];
  /** Node id of each state resource, in state order; null for a repeated address (skipped). */
  ids: (string | null)[];
  /** Address in module (`aws_x.y`, `data.t.n`, `dependency.d`) → node ids. */
  local: Map<string, string[]>;
  resources: number;
  outputs: number;
}

/**
 * The nodes of one workspace, from its facts (which it completes with where each block is
 * declared: give it facts a graph may keep). `taken` says whether an id is already in the graph,
 * for a resource whose address repeats.
 */
export function workspaceNodes(
  ws: WorkspaceModel,
  facts: WorkspaceFacts,
  taken: (id: string) => boolean = () => false,
): WorkspaceNodes {
  const nodes: [string, NodeAttributes][] = [];
  const mine = new Set<string>();
  const has = (id: string) => mine.has(id) || taken(id);
  const add = (id: string, attrs: NodeAttributes) => {
    nodes.push([id, attrs]);
    mine.add(id);
  };
  const node: NodeAttributes = { kind: 'workspace', workspace: ws.name, address: null, label: ws.name };
  if (ws.backend) node.backend = ws.backend;
  if (ws.stateFile) node.stateFile = ws.stateFile;
  if (ws.configDir) node.configDir = ws.configDir;
  if (facts.account) node.account = facts.account;
  if (facts.region) node.region = facts.region;
  add(ws.name, node);
  const local = new Map<string, string[]>();
  const sources = new Map((ws.config?.blocks ?? []).map((b) => [b.address, b] as const));
  const ids: (string | null)[] = [];
  let resources = 0;
  for (const fact of facts.resources) {
    const attrs = fact.node;
    const address = attrs.address as string;
    const id = nodeId(ws.name, address);
    if (has(id)) {
      ids.push(null);
      continue;
    }
    const config = configAddress(address);
    const block = fact.module || sources.size === 0 ? undefined : sources.get(config);
    if (block && block.line > 0) attrs.source = { file: block.file, line: block.line };
    if (block?.hardcodedSecrets) attrs.hardcodedSecrets = block.hardcodedSecrets;
    add(id, attrs);
    ids.push(id);
    resources++;
    // Keyed as configuration and state `dependencies` name it: the module path without instance keys.
    const key = fact.module ? `${modulePath(address)}.${config}` : config;
    const same = local.get(key);
    if (same) same.push(id);
    else local.set(key, [id]);
  }
  addConfigNodes(ws, facts, local, (id, attrs) => {
    if (has(id)) return false;
    add(id, attrs);
    return true;
  });
  for (const out of facts.outputs) {
    const address = `output.${out.name}`;
    const block = sources.get(address);
    add(nodeId(ws.name, address), {
      kind: 'output',
      workspace: ws.name,
      address,
      label: address,
      sensitive: out.sensitive,
      ...(block && block.line > 0 ? { source: { file: block.file, line: block.line } } : {}),
    });
  }
  return { nodes, ids, local, resources, outputs: facts.outputs.length };
}

/**
 * The per-workspace linkers' view of a workspace: each kept instance with its node's scope.
 * `ids` holds the node id of each state resource (null for a repeated address, which is skipped).
 */
export function workspaceUnit(
  workspace: string,
  state: StateModel,
  facts: WorkspaceFacts,
  ids: readonly (string | null)[],
  hasConfig: boolean,
): WorkspaceUnit {
  const instances: FileInstance[] = [];
  state.resources.forEach((resource: ResourceInstance, i) => {
    const id = ids[i];
    const node = facts.resources[i]?.node;
    if (id && node) instances.push({ id, resource, scope: scopeOf(node), node });
  });
  return { workspace, instances, hasConfig };
}

/**
 * The graph in the making: workspaces (nodes and identities), then {@link linkStages}, which
 * walks the registered linkers; the caller runs each per-workspace linker it hands out (here, or
 * by replaying what ingest workers recorded, into {@link sink}).
 */
export class GraphBuilder {
  readonly graph = createEstateGraph();
  /** What building finds (repeated workspaces, unresolved remote states); the estate's own come first. */
  private readonly diagnostics: Diagnostic[] = [];
  /**
   * @param index An index already holding every workspace's identities, reused when none changed
   *   (incremental ingest): `addWorkspace` then does not file them again.
   */
  constructor(given?: IdentityIndex) {
    this.index = given ?? new IdentityIndex();
    this.indexed = given !== undefined;
  }
  readonly index: IdentityIndex;
  private readonly indexed: boolean;
  readonly workspaces: LinkedWorkspace[] = [];
  private readonly byConfigAddress = new Map<string, Map<string, string[]>>();
  private readonly seen = new Set<string>();
  private readonly stats: LinkStats = { edges: {}, unresolved: {} };
  private readonly remoteStates = new Map<string, string>();
  readonly sensitiveCopies = new Map<string, string[]>();
  /** Where evidence goes: the graph, counted. */
  readonly sink: EvidenceSink = new GraphSink(this.graph, this.stats, this.diagnostics, this.remoteStates);
  private resources = 0;
  private outputs = 0;

  /**
   * A workspace's nodes and identities, from its facts (extracted here from its state when not
   * given: an ingest worker extracts them where it parsed the state). Null when the workspace is
   * a repeat, and skipped.
   */
  addWorkspace(ws: WorkspaceModel, given?: WorkspaceFacts): LinkedWorkspace | null {
    const { graph, index } = this;
    if (this.seen.has(ws.name)) {
      this.diagnostics.push(
        diagnostic(
          'error',
          'estate.duplicate-workspace',
          `workspace ${ws.name} is listed twice; the first is kept`,
          { workspace: ws.name },
        ),
      );
      return null;
    }
    this.seen.add(ws.name);
    const facts = given ?? extractWorkspace(ws.name, ws.state, { account: ws.account, region: ws.region });
    const made = workspaceNodes(ws, facts, (id) => graph.hasNode(id));
    for (const [id, attrs] of made.nodes) graph.addNode(id, attrs);
    this.byConfigAddress.set(ws.name, made.local);
    this.resources += made.resources;
    this.outputs += made.outputs;
    const { ids } = made;
    if (!this.indexed) {
      facts.resources.forEach((fact, i) => {
        const id = ids[i];
        if (id) index.addFacts(id, fact);
      });
      for (const grant of facts.grants) index.addGrant(grant.arn, grant.accounts);
    }
    const linked: LinkedWorkspace = { model: ws, facts, ids };
    this.workspaces.push(linked);
    return linked;
  }

  /** The per-workspace linkers' view of every workspace with a state, in estate order. */
  *units(): Generator<WorkspaceUnit> {
    for (const { model, facts, ids } of this.workspaces) {
      if (model.state) yield workspaceUnit(model.name, model.state, facts, ids, model.config !== null);
    }
  }

  /**
   * Walks the registered linkers in order: runs the estate-wide ones, and hands out each
   * per-workspace one, for the caller to run over every unit (or replay from ingest workers)
   * before asking for the next.
   */
  *linkStages(estate: Estate): Generator<WorkspaceLinker, void, void> {
    this.index.resolveGrants();
    const ctx = this.context(estate);
    for (const linker of LINKERS) {
      if (linker.unit === 'estate') linker.run(ctx);
      else yield linker;
    }
  }

  private context(estate: Estate): LinkContext {
    const { graph, index, workspaces, byConfigAddress, diagnostics, stats, remoteStates, sensitiveCopies } =
      this;
    return {
      graph,
      estate,
      index,
      workspaces,
      units: workspaces,
      byConfigAddress,
      remoteStates,
      sensitiveCopies,
      diagnostics,
      stats,
      sink: this.sink,
    };
  }

  /** The counts, and the diagnostics of reading and of linking. */
  finish(estate: Estate): BuiltGraph {
    const { graph } = this;
    const diagnostics = [...estate.diagnostics, ...this.diagnostics];
    const edgesByKind: Record<string, number> = {};
    const edgesByConfidence: Record<string, number> = {};
    const writeOnly = new Set<string>();
    const kubernetes = new Set<string>();
    graph.forEachEdge((_e, a, source, _t, sourceAttrs) => {
      edgesByKind[a.kind] = (edgesByKind[a.kind] ?? 0) + 1;
      edgesByConfidence[a.confidence] = (edgesByConfidence[a.confidence] ?? 0) + 1;
      if (sourceAttrs.kind !== 'resource') return;
      if (isWriteOnly(a.attribute)) writeOnly.add(source);
      else if (a.kind === 'lookup' && sourceAttrs.type && KUBERNETES_RESOURCE_TYPES.has(sourceAttrs.type))
        kubernetes.add(source);
    });
    const consumers: Partial<Record<ConsumerKind, number>> = {};
    const count = (kind: ConsumerKind, n: number) => {
      if (n > 0) consumers[kind] = n;
    };
    const byKind: Record<string, number> = {};
    graph.forEachNode((_id, a) => {
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    });
    count('provider', byKind.provider ?? 0);
    count('ephemeral', byKind.ephemeral ?? 0);
    count('write_only', writeOnly.size);
    count('module_input', byKind.module ?? 0);
    count('terragrunt_dependency', byKind.dependency ?? 0);
    count('kubernetes', kubernetes.size);
    return {
      graph,
      diagnostics,
      stats: {
        workspaces: this.seen.size,
        resources: this.resources,
        outputs: this.outputs,
        nodes: graph.order,
        edges: graph.size,
        edgesByKind: sortedKeys(edgesByKind),
        edgesByConfidence: sortedKeys(edgesByConfidence),
        unresolved: sortedKeys(this.stats.unresolved),
        consumers,
        diagnostics: countSeverities(diagnostics),
      },
    };
  }
}

/** Counts by name, the names in one order whatever order they were found in. */
export function sortedKeys(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(counts).sort()) out[k] = counts[k] as number;
  return out;
}

export function countSeverities(diagnostics: Diagnostic[]): IngestStats['diagnostics'] {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) c[d.severity]++;
  return c;
}
