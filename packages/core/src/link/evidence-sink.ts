import { addEvidence, type EstateGraph } from '../graph/estate-graph.js';
import type { SecretContribution } from '../graph/workspace-facts.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type {
  Confidence,
  EdgeAttributes,
  EdgeKind,
  NodeAttributes,
  SecretFacts,
} from '../model/graph-types.js';
import { nodeId, parseNodeId } from '../model/node-id.js';
import type { LinkStats } from './link-context.js';

/**
 * Where linkers put what they find. In one thread it is the graph itself; in an ingest worker it
 * is a recording, replayed on the graph in file order, so both give the same graph, edge for edge.
 */
export interface EvidenceSink {
  /** An edge, kept only if no edge of its kind joins the pair or it is stronger evidence. */
  edge(from: string, to: string, attrs: EdgeAttributes): void;
  /** Secret references of a node that resolve to nothing in the estate (a finding). */
  missing(id: string, refs: string[]): void;
  /**
   * References of a node that resolve to nothing in its scope but are not missing (another
   * account's ARN, a name that exists only elsewhere, a name with too many candidates), counted by reason.
   */
  unresolved(id: string, reason: string, refs: string[]): void;
  /**
   * A node no state holds, added once: one outside the estate (an account a policy grants to), or
   * one only configuration shows (a module call, a provider configuration).
   */
  external(id: string, attrs: NodeAttributes): void;
  /** What another resource says of secret `id` (its rotation, its version's value): folded onto its node. */
  secretFact(id: string, fact: SecretContribution): void;
  /**
   * `from` reads output `output` of the workspace that the remote-state reader `reader` reads:
   * resolved where the readers are (the estate-wide remote-state linker runs first).
   */
  readsOutput(from: string, reader: string, output: string, attribute: string, confidence: Confidence): void;
}

/** Messages about missing ends kept at most; the rest are counted in one more. */
const MAX_MISSING_END_DIAGNOSTICS = 50;

/** Writes straight into the graph, counting what it adds and what it could not. */
export class GraphSink implements EvidenceSink {
  private missingEnds = 0;

  constructor(
    private readonly graph: EstateGraph,
    private readonly stats: LinkStats,
    private readonly diagnostics: Diagnostic[],
    /** Reader id → workspace it reads, once the remote-state linker has run. */
    private readonly remoteStates: ReadonlyMap<string, string>,
  ) {}

  edge(from: string, to: string, attrs: EdgeAttributes): void {
    const outcome = addEvidence(this.graph, from, to, attrs);
    if (outcome === 'added') this.stats.edges[attrs.kind] = (this.stats.edges[attrs.kind] ?? 0) + 1;
    else if (outcome === 'no-endpoint') this.noEndpoint(from, to, attrs);
  }

  missing(id: string, refs: string[]): void {
    markRefs(this.graph, id, 'missingRefs', refs);
    this.stats.unresolved.secret_reference = (this.stats.unresolved.secret_reference ?? 0) + refs.length;
  }

  unresolved(id: string, reason: string, refs: string[]): void {
    markRefs(this.graph, id, 'unresolvedRefs', refs);
    this.stats.unresolved[reason] = (this.stats.unresolved[reason] ?? 0) + refs.length;
  }

  external(id: string, attrs: NodeAttributes): void {
    if (!this.graph.hasNode(id)) this.graph.addNode(id, attrs);
  }

  secretFact(id: string, fact: SecretContribution): void {
    const secret = this.graph.getNodeAttribute(id, 'secret');
    if (secret) foldSecretFact(secret, fact);
  }

  readsOutput(from: string, reader: string, output: string, attribute: string, confidence: Confidence): void {
    const [to, attrs] = outputRead(this.remoteStates.get(reader), reader, output, attribute, confidence);
    this.edge(from, to, attrs);
  }

  /** Reports what could not be linked because an end is missing: a reader of an output its producer lacks. */
  private noEndpoint(from: string, to: string, attrs: EdgeAttributes): void {
    const reason = attrs.kind === 'reads_output' ? 'missing_output' : 'missing_endpoint';
    this.stats.unresolved[reason] = (this.stats.unresolved[reason] ?? 0) + 1;
    this.missingEnds++;
    if (this.missingEnds > MAX_MISSING_END_DIAGNOSTICS) return;
    const d = missingEnd(from, to, attrs);
    this.diagnostics.push(
      this.missingEnds === MAX_MISSING_END_DIAGNOSTICS
        ? { ...d, message: `${d.message}${FURTHER_ONLY_COUNTED}` }
        : d,
    );
  }
}

/** Said of the last missing end a build reports: the rest are counted. */
export const FURTHER_ONLY_COUNTED = ' (further ones are only counted)';

/** What is said of evidence whose end is not in the graph: a reader of an output its producer lacks, or a missing node. */
export function missingEnd(from: string, to: string, attrs: EdgeAttributes): Diagnostic {
  const { workspace, address } = parseNodeId(to);
  const reads = attrs.kind === 'reads_output';
  return diagnostic(
    'warning',
    reads ? 'link.missing-output' : 'link.missing-endpoint',
    reads
      ? `${from} reads ${address ?? to} of ${workspace}, which that workspace does not have: its next plan fails`
      : `${from} refers to ${to} (${attrs.kind}), which is not in the estate`,
    { workspace: parseNodeId(from).workspace },
  );
}

/**
 * Where a read of output `output` through remote-state reader `reader` leads: the producer's output,
 * or, when the state it reads is not in the estate (`producer` unknown), the reader, where the trail ends.
 */
export function outputRead(
  producer: string | undefined,
  reader: string,
  output: string,
  attribute: string,
  confidence: Confidence,
): [string, EdgeAttributes] {
  if (producer === undefined)
    return [reader, { kind: 'depends_on', attribute, confidence, evidence: `outputs.${output}` }];
  return [
    nodeId(producer, `output.${output}`),
    {
      kind: 'reads_output',
      attribute,
      confidence,
      evidence: `${parseNodeId(reader).address ?? reader}.outputs.${output}`,
    },
  ];
}

/** Adds references to a node's list of them (missing or unresolved), once each, sorted. */
export function markRefs(
  graph: EstateGraph,
  id: string,
  field: 'missingRefs' | 'unresolvedRefs',
  refs: readonly string[],
): void {
  const known = graph.getNodeAttribute(id, field) ?? [];
  graph.mergeNodeAttributes(id, { [field]: [...new Set([...known, ...refs])].sort() });
}

/** Folds one contribution onto a secret's facts, in estate order: the last rotation, the first digest. */
export function foldSecretFact(secret: SecretFacts, fact: SecretContribution): void {
  if (fact.kind === 'rotation') {
    secret.rotation = fact.rotation;
  } else {
    secret.valueInState = (secret.valueInState ?? false) || fact.valueInState;
    if (fact.writeOnly) secret.writeOnly = true;
    if (fact.valueDigest && !secret.valueDigest) secret.valueDigest = fact.valueDigest;
  }
}

const EDGE = 0;
const MISSING = 1;
const EXTERNAL = 2;
const UNRESOLVED = 3;
const READS_OUTPUT = 4;
const SECRET_FACT = 5;

/**
 * Records evidence as one flat array of strings and small objects: what crosses from a worker
 * thread is copied by structured clone, and a flat array of strings copies several times faster
 * than an object per edge.
 */
export class RecordingSink implements EvidenceSink {
  readonly ops: unknown[] = [];

  edge(from: string, to: string, attrs: EdgeAttributes): void {
    this.ops.push(
      EDGE,
      from,
      to,
      attrs.kind,
      attrs.attribute,
      attrs.confidence,
      attrs.evidence,
      attrs.candidates,
    );
  }

  missing(id: string, refs: string[]): void {
    this.ops.push(MISSING, id, refs);
  }

  unresolved(id: string, reason: string, refs: string[]): void {
    this.ops.push(UNRESOLVED, id, reason, refs);
  }

  external(id: string, attrs: NodeAttributes): void {
    this.ops.push(EXTERNAL, id, attrs);
  }

  secretFact(id: string, fact: SecretContribution): void {
    this.ops.push(SECRET_FACT, id, fact);
  }

  readsOutput(from: string, reader: string, output: string, attribute: string, confidence: Confidence): void {
    this.ops.push(READS_OUTPUT, from, reader, output, attribute, confidence);
  }
}

/** Replays a {@link RecordingSink}'s evidence, in the order it was found. */
export function replay(ops: readonly unknown[], sink: EvidenceSink): void {
  let i = 0;
  while (i < ops.length) {
    const op = ops[i];
    if (op === EDGE) {
      const evidence = ops[i + 6] as string | null | undefined;
      const candidates = ops[i + 7] as string[] | null | undefined;
      const attrs: EdgeAttributes = {
        kind: ops[i + 3] as EdgeKind,
        attribute: ops[i + 4] as string,
        confidence: ops[i + 5] as EdgeAttributes['confidence'],
      };
      if (evidence !== undefined && evidence !== null) attrs.evidence = evidence;
      if (candidates !== undefined && candidates !== null) attrs.candidates = candidates;
      sink.edge(ops[i + 1] as string, ops[i + 2] as string, attrs);
      i += 8;
    } else if (op === MISSING) {
      sink.missing(ops[i + 1] as string, ops[i + 2] as string[]);
      i += 3;
    } else if (op === UNRESOLVED) {
      sink.unresolved(ops[i + 1] as string, ops[i + 2] as string, ops[i + 3] as string[]);
      i += 4;
    } else if (op === EXTERNAL) {
      sink.external(ops[i + 1] as string, ops[i + 2] as NodeAttributes);
      i += 3;
    } else if (op === SECRET_FACT) {
      sink.secretFact(ops[i + 1] as string, ops[i + 2] as SecretContribution);
      i += 3;
    } else if (op === READS_OUTPUT) {
      sink.readsOutput(
        ops[i + 1] as string,
        ops[i + 2] as string,
        ops[i + 3] as string,
        ops[i + 4] as string,
        ops[i + 5] as Confidence,
      );
      i += 6;
    } else {
      throw new Error(`evidence recording is corrupt at ${i}`);
    }
  }
}
