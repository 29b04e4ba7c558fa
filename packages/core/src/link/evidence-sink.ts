import { addEvidence, type EstateGraph } from '../graph/estate-graph.js';
import type { EdgeAttributes, EdgeKind, NodeAttributes } from '../model/graph-types.js';
import type { LinkStats } from './link-context.js';

/**
 * Where the per-file linkers (attribute references, policies) put what they find. In one thread
 * it is the graph itself; in an ingest worker it is a recording, replayed on the graph in file
 * order, so both give the same graph, edge for edge.
 */
export interface EvidenceSink {
  /** An edge, kept only if no edge of its kind joins the pair or it is stronger evidence. */
  edge(from: string, to: string, attrs: EdgeAttributes): void;
  /** Secret references of a node that resolve to nothing in the estate. */
  missing(id: string, refs: string[]): void;
  /** A node outside the estate (an account a policy grants to), added once. */
  external(id: string, attrs: NodeAttributes): void;
}

/** Writes straight into the graph, counting what it adds. */
export class GraphSink implements EvidenceSink {
  constructor(
    private readonly graph: EstateGraph,
    private readonly stats: LinkStats,
  ) {}

  edge(from: string, to: string, attrs: EdgeAttributes): void {
    if (addEvidence(this.graph, from, to, attrs))
      this.stats.edges[attrs.kind] = (this.stats.edges[attrs.kind] ?? 0) + 1;
  }

  missing(id: string, refs: string[]): void {
    this.graph.mergeNodeAttributes(id, { missingRefs: refs });
    this.stats.unresolved.secret_reference = (this.stats.unresolved.secret_reference ?? 0) + refs.length;
  }

  external(id: string, attrs: NodeAttributes): void {
    if (!this.graph.hasNode(id)) this.graph.addNode(id, attrs);
  }
}

const EDGE = 0;
const MISSING = 1;
const EXTERNAL = 2;

/**
 * Records evidence as one flat array of strings and small objects: what crosses from a worker
 * thread is copied by structured clone, and a flat array of strings copies several times faster
 * than an object per edge.
 */
export class RecordingSink implements EvidenceSink {
  readonly ops: unknown[] = [];

  edge(from: string, to: string, attrs: EdgeAttributes): void {
    this.ops.push(EDGE, from, to, attrs.kind, attrs.attribute, attrs.confidence, attrs.evidence);
  }

  missing(id: string, refs: string[]): void {
    this.ops.push(MISSING, id, refs);
  }

  external(id: string, attrs: NodeAttributes): void {
    this.ops.push(EXTERNAL, id, attrs);
  }
}

/** Replays a {@link RecordingSink}'s evidence, in the order it was found. */
export function replay(ops: readonly unknown[], sink: EvidenceSink): void {
  let i = 0;
  while (i < ops.length) {
    const op = ops[i];
    if (op === EDGE) {
      const evidence = ops[i + 6] as string | null | undefined;
      const attrs: EdgeAttributes = {
        kind: ops[i + 3] as EdgeKind,
        attribute: ops[i + 4] as string,
        confidence: ops[i + 5] as EdgeAttributes['confidence'],
      };
      if (evidence !== undefined && evidence !== null) attrs.evidence = evidence;
      sink.edge(ops[i + 1] as string, ops[i + 2] as string, attrs);
      i += 7;
    } else if (op === MISSING) {
      sink.missing(ops[i + 1] as string, ops[i + 2] as string[]);
      i += 3;
    } else if (op === EXTERNAL) {
      sink.external(ops[i + 1] as string, ops[i + 2] as NodeAttributes);
      i += 3;
    } else {
      throw new Error(`evidence recording is corrupt at ${i}`);
    }
  }
}
