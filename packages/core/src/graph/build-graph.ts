import { configAddress } from '../ingest/resource-address.js';
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
import type { Estate } from '../model/estate.js';
import { nodeId } from '../model/node-id.js';
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
  const graph = createEstateGraph();
  const diagnostics = [...estate.diagnostics];
  const index = new IdentityIndex();
  const instances: InstanceRef[] = [];
  const byConfigAddress = new Map<string, Map<string, string[]>>();
  let resources = 0;
  let outputs = 0;
  const seen = new Set<string>();
  for (const ws of estate.workspaces) {
    if (seen.has(ws.name)) {
      diagnostics.push(
        diagnostic(
          'error',
          'estate.duplicate-workspace',
          `workspace ${ws.name} is listed twice; the first is kept`,
          { workspace: ws.name },
        ),
      );
      continue;
    }
    seen.add(ws.name);
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
    byConfigAddress.set(ws.name, local);
    const sources = new Map((ws.config?.blocks ?? []).map((b) => [b.address, b] as const));
    for (const r of ws.state?.resources ?? []) {
      const id = nodeId(ws.name, r.address);
      if (graph.hasNode(id)) continue;
      const attrs = resourceNode(ws.name, r);
      const block = r.module || sources.size === 0 ? undefined : sources.get(configAddress(r.address));
      if (block && block.line > 0) attrs.source = { file: block.file, line: block.line };
      if (block?.hardcodedSecrets) attrs.hardcodedSecrets = block.hardcodedSecrets;
      if (r.redacted.length > 0) attrs.valuesInState = r.redacted;
      graph.addNode(id, attrs);
      resources++;
      instances.push({ id, workspace: ws, resource: r });
      const config = configAddress(r.address);
      const key = r.module ? `${r.module}.${config}` : config;
      const same = local.get(key);
      if (same) same.push(id);
      else local.set(key, [id]);
      if (r.mode === 'managed') {
        index.addResource(id, r.type, {
          arn: attrs.arn,
          name: attrs.name,
          aliases: aliasesOf(r),
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
      outputs++;
    }
  }
  const stats: LinkStats = { edges: {}, unresolved: {} };
  const ctx: LinkContext = { graph, estate, index, instances, byConfigAddress, diagnostics, stats };
  linkDependencies(ctx);
  const remoteState = linkRemoteState(ctx);
  linkConfigReferences(ctx, remoteState);
  linkAttributeReferences(ctx);
  linkPolicies(ctx);
  linkSchedules(ctx);
  linkOutputsByValue(ctx);
  linkSecretFacts(ctx);
  const edgesByKind: Record<string, number> = {};
  graph.forEachEdge((_e, a) => {
    edgesByKind[a.kind] = (edgesByKind[a.kind] ?? 0) + 1;
  });
  return {
    graph,
    diagnostics,
    stats: {
      workspaces: seen.size,
      resources,
      outputs,
      nodes: graph.order,
      edges: graph.size,
      edgesByKind,
      unresolved: stats.unresolved,
      diagnostics: countSeverities(diagnostics),
    },
  };
}

export function countSeverities(diagnostics: Diagnostic[]): IngestStats['diagnostics'] {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) c[d.severity]++;
  return c;
}
