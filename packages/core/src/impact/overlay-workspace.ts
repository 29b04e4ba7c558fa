import { workspaceUnit } from '../graph/build-graph.js';
import { addEvidence, type EstateGraph } from '../graph/estate-graph.js';
import { extractWorkspace } from '../graph/extract-workspace.js';
import type { EvidenceSink } from '../link/evidence-sink.js';
import { IdentityIndex } from '../link/identity-index.js';
import { LINKERS } from '../link/linkers.js';
import { scopeOf } from '../link/scope.js';
import type { Confidence, EdgeAttributes, NodeAttributes } from '../model/graph-types.js';
import { nodeId } from '../model/node-id.js';
import type { StateModel } from '../model/workspace.js';

/** A workspace the estate does not know, as a plan tells it: its prior state (or the plan's `before` values). */
export interface OverlayWorkspace {
  name: string;
  state: StateModel;
}

/** What joining an unknown workspace to the graph found, for the report. */
export interface OverlayOutcome {
  name: string;
  nodes: number;
  /** Edges from consumers elsewhere in the estate to it (by the ARNs and names they held unresolved). */
  consumers: number;
}

/**
 * Runs `analyse` with workspaces the estate does not know joined to the graph: their resources
 * and identities, linked among themselves, and the estate's consumers that hold their ARNs or
 * names (the references ingest could not resolve, kept on each node as `unresolvedRefs` or
 * `missingRefs`). Everything added is removed again before this returns, whatever `analyse` does,
 * so the graph a server keeps serving is never changed for another request.
 */
export function withOverlay<T>(
  graph: EstateGraph,
  overlays: readonly OverlayWorkspace[],
  analyse: (outcomes: OverlayOutcome[]) => T,
): T {
  if (overlays.length === 0) return analyse([]);
  const added: string[] = [];
  const addNode = (id: string, attrs: NodeAttributes): boolean => {
    if (graph.hasNode(id)) return false;
    graph.addNode(id, attrs);
    added.push(id);
    return true;
  };
  try {
    const index = new IdentityIndex();
    const units = [];
    const outcomes: OverlayOutcome[] = [];
    for (const { name, state } of overlays) {
      const facts = extractWorkspace(name, state);
      const outcome: OverlayOutcome = { name, nodes: 0, consumers: 0 };
      outcomes.push(outcome);
      if (!addNode(name, { kind: 'workspace', workspace: name, address: null, label: name })) continue;
      const ids = facts.resources.map((f) => {
        const id = nodeId(name, f.node.address);
        if (!addNode(id, f.node)) return null;
        outcome.nodes++;
        index.addFacts(id, f);
        return id;
      });
      for (const grant of facts.grants) index.addGrant(grant.arn, grant.accounts);
      for (const out of facts.outputs) {
        const id = nodeId(name, `output.${out.name}`);
        if (
          addNode(id, {
            kind: 'output',
            workspace: name,
            address: `output.${out.name}`,
            label: `output.${out.name}`,
          })
        )
          outcome.nodes++;
      }
      units.push(workspaceUnit(name, state, facts, ids, false));
    }
    index.resolveGrants();
    const sink = new OverlaySink(graph, addNode);
    for (const linker of LINKERS) {
      if (linker.unit !== 'workspace') continue;
      for (const unit of units) linker.run(unit, index, sink);
    }
    // The estate's consumers of the newcomers: what they held that ingest could not resolve.
    const byWorkspace = new Map(outcomes.map((o) => [o.name, o]));
    graph.forEachNode((id, a) => {
      const refs = [...(a.unresolvedRefs ?? []), ...(a.missingRefs ?? [])];
      if (refs.length === 0) return;
      for (const ref of refs) {
        for (const m of index.match(ref, scopeOf(a))) {
          if (m.id === '') continue;
          const edge: EdgeAttributes = {
            kind: a.kind === 'data' ? 'lookup' : 'arn_reference',
            attribute: 'state (a reference unresolved at ingest)',
            confidence: m.confidence as Confidence,
            evidence: m.matched,
            ...(m.candidates ? { candidates: m.candidates } : {}),
          };
          if (addEvidence(graph, id, m.id, edge) === 'added') {
            const target = byWorkspace.get(graph.getNodeAttribute(m.id, 'workspace'));
            if (target) target.consumers++;
          }
        }
      }
    });
    return analyse(outcomes);
  } finally {
    for (let i = added.length - 1; i >= 0; i--) graph.dropNode(added[i] as string);
  }
}

/** Writes the newcomers' own evidence into the graph; nodes it adds are removed with the rest. */
class OverlaySink implements EvidenceSink {
  constructor(
    private readonly graph: EstateGraph,
    private readonly addNode: (id: string, attrs: NodeAttributes) => boolean,
  ) {}

  edge(from: string, to: string, attrs: EdgeAttributes): void {
    addEvidence(this.graph, from, to, attrs);
  }

  missing(): void {}

  unresolved(): void {}

  secretFact(): void {}

  external(id: string, attrs: NodeAttributes): void {
    this.addNode(id, attrs);
  }

  readsOutput(from: string, reader: string, output: string, attribute: string, confidence: Confidence): void {
    this.edge(from, reader, { kind: 'depends_on', attribute, confidence, evidence: `outputs.${output}` });
  }
}
