import { configAddress } from '../ingest/resource-address.js';
import { type EvidenceSink, GraphSink } from '../link/evidence-sink.js';
import { IdentityIndex } from '../link/identity-index.js';
import { linkAttributeReferences } from '../link/link-attribute-references.js';
import { linkConfigReferences } from '../link/link-config-references.js';
import type { InstanceRef, LinkContext, LinkStats } from '../link/link-context.js';
import { linkDependencies } from '../link/link-dependencies.js';
import { linkOutputsByValue } from '../link/link-outputs.js';
import { linkPolicies } from '../link/link-policies.js';
import { linkRemoteState } from '../link/link-remote-state.js';
import { linkSchedules } from '../link/link-schedules.js';
import { linkSecretFacts } from '../link/link-secret-facts.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { Estate, WorkspaceModel } from '../model/estate.js';
import type { NodeAttributes } from '../model/graph-types.js';
import { nodeId } from '../model/node-id.js';
import type { ResourceInstance } from '../model/workspace.js';
import { createEstateGraph, type EstateGraph } from './estate-graph.js';
import { aliasesOf, resourceNode } from './node-facts.js';

export interface IngestStats {
  workspaces: number;
  resources: number;
  outputs: number;
  nodes: number;
  edges: number;
  edgesByKind: Record<string, number>;
  unresolved: Record<string, number>;
  diagnostics: { error: number; warning: number; info: number };
}

export interface BuiltGraph {
  graph: EstateGraph;
  diagnostics: Diagnostic[];
  stats: IngestStats;
}

/**
 * Estate models → the knowledge graph, by an ordered list of linkers (after Terraform's
 * graph transformers): each adds one kind of evidence. Models are not kept: the graph
 * holds only value-free facts.
 */
export function buildGraph(estate: Estate): BuiltGraph {
  const builder = new GraphBuilder();
  for (const ws of estate.workspaces) builder.addWorkspace(ws);
  builder.linkWorkspaces(estate);
  const sink = builder.sink();
  linkAttributeReferences(builder.instances, builder.index, sink);
  linkPolicies(builder.instances, builder.index, sink);
  return builder.finish(estate);
}

/** The facts a resource brings to the graph, computed where its state file was parsed. */
export interface ResourceFacts {
  node: NodeAttributes;
  aliases: string[];
}

export function resourceFacts(workspace: string, r: ResourceInstance): ResourceFacts {
  return { node: resourceNode(workspace, r), aliases: aliasesOf(r) };
}

/**
 * The graph in the making, in the order {@link buildGraph} runs it: workspaces (nodes and
 * identities), the linkers that need the whole estate, the per-file linkers (here or in ingest
 * workers, through an {@link EvidenceSink}), then the linkers that read their results.
 */
export class GraphBuilder {
  readonly graph = createEstateGraph();
  /** What building finds (repeated workspaces, unresolved remote states); the estate's own come first. */
  private readonly diagnostics: Diagnostic[] = [];
  readonly index = new IdentityIndex();
  readonly instances: InstanceRef[] = [];
  private readonly byConfigAddress = new Map<string, Map<string, string[]>>();
  private readonly seen = new Set<string>();
  private readonly stats: LinkStats = { edges: {}, unresolved: {} };
  private resources = 0;
  private outputs = 0;

  /**
   * A workspace's nodes and identities. `facts` (one per state resource) when they were computed
   * elsewhere. Returns the indices of the state's resources that got no node of their own (a
   * repeated address), or null when the whole workspace is a repeat and skipped.
   */
  addWorkspace(ws: WorkspaceModel, facts?: readonly ResourceFacts[]): number[] | null {
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
    graph.addNode(ws.name, {
      kind: 'workspace',
      workspace: ws.name,
      address: null,
      label: ws.name,
      ...(ws.backend ? { backend: ws.backend } : {}),
      ...(ws.stateFile ? { stateFile: ws.stateFile } : {}),
      ...(ws.configDir ? { configDir: ws.configDir } : {}),
    });
    const local = new Map<string, string[]>();
    this.byConfigAddress.set(ws.name, local);
    const sources = new Map((ws.config?.blocks ?? []).map((b) => [b.address, b] as const));
    const skipped: number[] = [];
    const resources = ws.state?.resources ?? [];
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i] as ResourceInstance;
      const id = nodeId(ws.name, r.address);
      if (graph.hasNode(id)) {
        skipped.push(i);
        continue;
      }
      const fact = facts ? (facts[i] as ResourceFacts) : resourceFacts(ws.name, r);
      const attrs = fact.node;
      const config = configAddress(r.address);
      const block = r.module || sources.size === 0 ? undefined : sources.get(config);
      if (block && block.line > 0) attrs.source = { file: block.file, line: block.line };
      if (block?.hardcodedSecrets) attrs.hardcodedSecrets = block.hardcodedSecrets;
      if (r.redacted.length > 0) attrs.valuesInState = r.redacted;
      graph.addNode(id, attrs);
      this.resources++;
      this.instances.push({ id, workspace: ws, resource: r });
      const key = r.module ? `${r.module}.${config}` : config;
      const same = local.get(key);
      if (same) same.push(id);
      else local.set(key, [id]);
      if (r.mode === 'managed') {
        index.addResource(id, r.type, {
          arn: attrs.arn,
          name: attrs.name,
          aliases: fact.aliases,
          replicaRegions: attrs.secret?.replicaRegions,
        });
      }
    }
    for (const out of ws.state?.outputs ?? []) {
      const address = `output.${out.name}`;
      const block = sources.get(address);
      graph.addNode(nodeId(ws.name, address), {
        kind: 'output',
        workspace: ws.name,
        address,
        label: address,
        sensitive: out.sensitive,
        ...(block && block.line > 0 ? { source: { file: block.file, line: block.line } } : {}),
      });
      this.outputs++;
    }
    return skipped;
  }

  private context(estate: Estate): LinkContext {
    const { graph, index, instances, byConfigAddress, diagnostics, stats } = this;
    return { graph, estate, index, instances, byConfigAddress, diagnostics, stats };
  }

  /** The linkers that need every workspace: dependencies, remote state, HCL references. */
  linkWorkspaces(estate: Estate): void {
    const ctx = this.context(estate);
    linkDependencies(ctx);
    const remoteState = linkRemoteState(ctx);
    linkConfigReferences(ctx, remoteState);
  }

  /** Where the per-file linkers' evidence goes. */
  sink(): EvidenceSink {
    return new GraphSink(this.graph, this.stats);
  }

  /** Schedules, outputs by value and secret facts (they read the edges before them), and the counts. */
  finish(estate: Estate): BuiltGraph {
    const ctx = this.context(estate);
    linkSchedules(ctx);
    linkOutputsByValue(ctx);
    linkSecretFacts(ctx);
    const { graph } = this;
    const diagnostics = [...estate.diagnostics, ...this.diagnostics];
    const edgesByKind: Record<string, number> = {};
    graph.forEachEdge((_e, a) => {
      edgesByKind[a.kind] = (edgesByKind[a.kind] ?? 0) + 1;
    });
    return {
      graph,
      diagnostics,
      stats: {
        workspaces: this.seen.size,
        resources: this.resources,
        outputs: this.outputs,
        nodes: graph.order,
        edges: graph.size,
        edgesByKind,
        unresolved: this.stats.unresolved,
        diagnostics: countSeverities(diagnostics),
      },
    };
  }
}

export function countSeverities(diagnostics: Diagnostic[]): IngestStats['diagnostics'] {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) c[d.severity]++;
  return c;
}
