import {
  type BuiltGraph,
  countSeverities,
  type IngestStats,
  sortedKeys,
  workspaceNodes,
  workspaceUnit,
} from '../graph/build-graph.js';
import {
  addEvidence,
  createEstateGraph,
  type EstateGraph,
  type EvidenceOutcome,
  edgeKey,
} from '../graph/estate-graph.js';
import { bumpRevision, markLive } from '../graph/graph-revision.js';
import type { SecretContribution, WorkspaceFacts } from '../graph/workspace-facts.js';
import { type ConsumerKind, isWriteOnly, KUBERNETES_RESOURCE_TYPES } from '../impact/consumer-kind.js';
import type { EvidenceSink } from '../link/evidence-sink.js';
import {
  FURTHER_ONLY_COUNTED,
  foldSecretFact,
  markRefs,
  missingEnd,
  outputRead,
} from '../link/evidence-sink.js';
import { IdentityIndex } from '../link/identity-index.js';
import type { LinkContext, LinkedWorkspace } from '../link/link-context.js';
import { LINKERS } from '../link/linkers.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Estate } from '../model/estate.js';
import type { Confidence, EdgeAttributes, NodeAttributes, SecretFacts } from '../model/graph-types.js';
import { EXTERNAL_WORKSPACE, parseNodeId } from '../model/node-id.js';
import type { CachedWorkspace } from './incremental-build.js';
import { cloneFacts, recordingIndex } from './incremental-build.js';
import { recordUndo } from './undo-log.js';

/** Missing-end messages kept at most (the rest are counted), as a one-pass build keeps them. */
const MAX_MISSING_END_DIAGNOSTICS = 50;
const MISSING_END_CODES = new Set(['link.missing-output', 'link.missing-endpoint']);
/** Edge kinds that follow a workspace's backend or outputs, not an identity the index answers. */
const STRUCTURAL_KINDS = new Set(['remote_state', 'reads_output']);

/** A patch that cannot be made in place: the graph is built anew (nothing was changed). */
export class NeedsRebuild extends Error {}

/** What a workspace put into the live graph, to be taken out when it is linked again or leaves. */
interface Slot {
  name: string;
  linked: LinkedWorkspace;
  /** Its own nodes, as {@link workspaceNodes} gives them. */
  nodes: string[];
  /** Its backend when placed. */
  backend: string | null;
  /** The identities it gave the index when placed. */
  identity: Map<string, string>;
  /** Address in module → node ids, for the linkers that follow configuration. */
  local: Map<string, string[]>;
  /** Its facts as read, never folded into: what its secrets are before others speak of them. */
  source: WorkspaceFacts;
  /** Each of its secrets' index in its facts. */
  secretAt: Map<string, number>;
  /** Nodes of its own its linkers added (module calls, provider configurations). */
  added: Set<string>;
  /** Nodes outside any workspace its evidence added or reached (accounts a policy grants to). */
  shared: Set<string>;
  /** Edges it contributed that leave its own nodes. */
  edges: Set<string>;
  /** Evidence it found that leaves a node outside any workspace (a policy's grant to an account): several workspaces may find the same. */
  sharedEdges: [string, string, string, EdgeAttributes][];
  /** Reader id → producer, for its remote-state readers. */
  readers: string[];
  unresolved: Record<string, number>;
  /** What linking it said, per linker (in {@link LINKERS} order). */
  diagnostics: Diagnostic[][];
  secretFacts: [string, SecretContribution][];
  /** Workspaces its remote-state reads point into. */
  structural: Set<string>;
  /** Workspaces in which an end of its evidence was missing. */
  missingIn: Set<string>;
  resources: number;
  outputs: number;
  tally: Tally;
}

interface Tally {
  edgesByKind: Record<string, number>;
  edgesByConfidence: Record<string, number>;
  writeOnly: number;
  kubernetes: number;
  kinds: Record<string, number>;
}

/**
 * The graph of an incremental ingest, kept and patched in place (DESIGN.md, "Staying current"):
 * each workspace's nodes and the evidence its linkers found are known, so when a few workspaces
 * change only they — and the workspaces whose evidence rests on what changed — are taken out and
 * linked again; the rest of the graph is not touched. Every linker runs per workspace with the
 * estate to look things up in, so the patched graph is the graph a build of the same estate
 * gives (tested node for node and edge for edge). A patch that fails is undone; one that cannot
 * be made in place says so ({@link NeedsRebuild}) before it changes anything.
 */
export class LiveGraph {
  readonly graph: EstateGraph = createEstateGraph();
  private index = new IdentityIndex();
  private readonly slots = new Map<string, Slot>();
  private readonly remoteStates = new Map<string, string>();
  private readonly sensitiveCopies = new Map<string, string[]>();
  /** A node outside any workspace → the workspaces whose evidence needs it. */
  private readonly sharedBy = new Map<string, Set<string>>();
  /** Nodes outside any workspace that the workspaces taken out were the last to need. */
  private readonly unshared = new Set<string>();
  /** An edge leaving a node outside any workspace → the workspaces whose evidence it is. */
  private readonly edgeSources = new Map<string, Set<string>>();
  /** Such edges to be put together again from their sources' evidence. */
  private readonly pendingEdges = new Set<string>();
  /** A secret → the workspaces whose resources say something of it. */
  private readonly secretSources = new Map<string, Set<string>>();
  private order: string[] = [];
  /** The estate's accounts, as the index knows them. */
  accounts = '';
  /** Whether the graph was linked once: later links patch it. */
  private placed = false;
  /** A patch did not go through: the graph is as it was, this object's knowledge of it may not be. */
  broken = false;

  /** Builds the graph of every workspace (each must hold its state). */
  static build(
    list: readonly CachedWorkspace[],
    base: Omit<Estate, 'workspaces'>,
  ): { live: LiveGraph; built: BuiltGraph } {
    const live = new LiveGraph();
    markLive(live.graph);
    const names = new Set<string>();
    for (const w of list) {
      if (names.has(w.name)) throw new NeedsRebuild(`workspace ${w.name} is listed twice`);
      names.add(w.name);
    }
    const prepared = live.prepare(list, new Set(names));
    live.index = indexOf(list, prepared, live.slots);
    live.index.resolveGrants();
    live.accounts = accountsOf(live.index);
    live.order = list.map((w) => w.name);
    for (const w of list) live.place(w, prepared.get(w.name) as Prepared);
    const built = live.link(list, names, base);
    return { live, built };
  }

  /**
   * Whether a workspace not read anew has another backend than when it was placed (a directory
   * found to mirror a bucket): every reader may resolve otherwise, so the graph is built anew.
   */
  backendsMoved(list: readonly CachedWorkspace[], changed: ReadonlySet<string>): boolean {
    return list.some(
      (w) =>
        !changed.has(w.name) && this.slots.has(w.name) && this.slots.get(w.name)?.backend !== w.model.backend,
    );
  }

  /**
   * Workspaces whose evidence rests on what changed beyond the identities {@link toRelink}
   * follows: readers of a changed or removed workspace's state, readers that found nothing
   * when a workspace came or went, and owners of evidence that reaches a node about to go.
   */
  widen(
    list: readonly CachedWorkspace[],
    relink: ReadonlySet<string>,
    changed: ReadonlySet<string>,
  ): Set<string> {
    const out = new Set(relink);
    const now = new Set(list.map((w) => w.name));
    const came = [...changed].some((n) => now.has(n) && !this.slots.has(n));
    const went = [...changed].some((n) => !now.has(n));
    const backendMoved = list.some(
      (w) => changed.has(w.name) && this.slots.get(w.name)?.backend !== w.model.backend,
    );
    // A reader's evidence rests on the backend and the outputs (names, sensitivity) of what it reads.
    const byName = new Map(list.map((w) => [w.name, w] as const));
    const moved = new Set(
      [...changed].filter((n) => {
        const slot = this.slots.get(n);
        const w = byName.get(n);
        return (
          !slot || !w || slot.backend !== w.model.backend || outputsOf(slot.source) !== outputsOf(w.facts)
        );
      }),
    );
    for (const slot of this.slots.values()) {
      if (out.has(slot.name)) continue;
      const reads = [...changed].some(
        (n) => (slot.structural.has(n) && moved.has(n)) || slot.missingIn.has(n),
      );
      const lookedInVain =
        (came || went || backendMoved) &&
        ((slot.unresolved.remote_state ?? 0) > 0 || (slot.unresolved.terragrunt_dependency ?? 0) > 0);
      if (reads || lookedInVain) out.add(slot.name);
    }
    for (const name of changed) {
      const slot = this.slots.get(name);
      if (!slot) continue;
      const w = byName.get(name);
      const stays = w
        ? new Set(workspaceNodes(w.model, cloneFacts(w.facts)).nodes.map(([id]) => id))
        : new Set();
      for (const id of slot.nodes) {
        if (stays.has(id) || !this.graph.hasNode(id)) continue;
        this.graph.forEachInEdge(id, (key, _attrs, source) => {
          const owner = parseNodeId(source).workspace;
          if (owner !== name && this.slots.has(owner)) out.add(owner);
          for (const by of this.edgeSources.get(key) ?? []) out.add(by);
        });
      }
    }
    return out;
  }

  /**
   * Patches the graph in place: `relink` (from {@link widen}, each holding its state) are linked
   * again, workspaces gone from `list` are taken out, the rest stay as they are.
   */
  patch(
    list: readonly CachedWorkspace[],
    relink: ReadonlySet<string>,
    sameIdentities: boolean,
    base: Omit<Estate, 'workspaces'>,
  ): BuiltGraph {
    // Until the patch is in, whatever fails (a patched index, a check after it) leaves this object
    // knowing another graph than the one it holds: the next ingest builds anew unless it succeeds.
    this.broken = true;
    const names = new Set(list.map((w) => w.name));
    if (names.size !== list.length) throw new NeedsRebuild('a workspace is listed twice');
    const gone = [...this.slots.keys()].filter((n) => !names.has(n));
    const prepared = this.prepare(
      list.filter((w) => relink.has(w.name)),
      relink,
    );
    for (const w of list)
      if (!this.slots.has(w.name) && !prepared.has(w.name))
        throw new NeedsRebuild(`${w.name} is new but not linked`);
    if (!sameIdentities) {
      this.patchIndex(list, relink, gone, prepared);
      if (accountsOf(this.index) !== this.accounts) throw new NeedsRebuild('the estate has other accounts');
    }
    this.mustNotStrand(list, relink, gone, prepared);
    const undo = recordUndo(this.graph);
    try {
      for (const name of [...relink, ...gone]) this.takeOut(name);
      for (const name of gone) {
        const slot = this.slots.get(name) as Slot;
        for (const id of slot.nodes) if (this.graph.hasNode(id)) this.graph.dropNode(id);
        this.slots.delete(name);
      }
      this.order = list.map((w) => w.name);
      for (const w of list) if (relink.has(w.name)) this.place(w, prepared.get(w.name) as Prepared);
      const built = this.link(list, relink, base);
      undo.stop();
      bumpRevision(this.graph);
      this.broken = false;
      return built;
    } catch (error) {
      // The graph is as it was; what this object knew of it is not: the next ingest builds anew.
      undo.rollback();
      throw error;
    }
  }

  /**
   * The identity index, patched: the identities of workspaces read anew or gone are taken out and
   * those they have now put in, each list they touch back in estate order; every grant is
   * resolved again.
   */
  private patchIndex(
    list: readonly CachedWorkspace[],
    relink: ReadonlySet<string>,
    gone: readonly string[],
    prepared: ReadonlyMap<string, Prepared>,
  ): void {
    const { index } = this;
    const byName = new Map(list.map((w) => [w.name, w] as const));
    index.beginPatch();
    for (const name of [...relink, ...gone]) {
      const slot = this.slots.get(name);
      const w = byName.get(name);
      if (slot && w && sameMap(slot.identity, w.identity)) continue;
      if (slot)
        slot.source.resources.forEach((fact, i) => {
          const id = slot.linked.ids[i];
          if (id) index.removeFacts(id, fact);
        });
      const ids = w ? prepared.get(name)?.made.ids : undefined;
      if (w && ids)
        w.facts.resources.forEach((fact, i) => {
          const id = ids[i];
          if (id) index.addFacts(id, fact);
        });
    }
    const wsRank = new Map(list.map((w, i) => [w.name, i] as const));
    const positions = new Map<string, Map<string, number>>();
    const rank = (id: string): number => {
      const ws = parseNodeId(id).workspace;
      let at = positions.get(ws);
      if (!at) {
        at = new Map();
        const ids = prepared.get(ws)?.made.ids ?? this.slots.get(ws)?.linked.ids ?? [];
        ids.forEach((x, i) => {
          if (x) at?.set(x, i);
        });
        positions.set(ws, at);
      }
      return (wsRank.get(ws) ?? list.length) * 1_000_000_000 + (at.get(id) ?? 0);
    };
    index.endPatch(
      rank,
      list.flatMap((w) => w.facts.grants),
    );
  }

  /** Facts a graph may keep (a copy: building completes and folds them), and the nodes they give. */
  private prepare(list: readonly CachedWorkspace[], names: ReadonlySet<string>): Map<string, Prepared> {
    const out = new Map<string, Prepared>();
    for (const w of list) {
      if (!names.has(w.name)) continue;
      if (w.hasState && w.model.state === null)
        throw new Error(`internal: ${w.name} must be linked but has no state`);
      const facts = cloneFacts(w.facts);
      out.set(w.name, { facts, made: workspaceNodes(w.model, facts) });
    }
    return out;
  }

  /** A node about to go that evidence of a workspace not linked again still reaches: that would strand its edge. */
  private mustNotStrand(
    list: readonly CachedWorkspace[],
    relink: ReadonlySet<string>,
    gone: readonly string[],
    prepared: ReadonlyMap<string, Prepared>,
  ): void {
    const leaving = new Set([...relink, ...gone]);
    for (const w of [...list.filter((x) => relink.has(x.name)).map((x) => x.name), ...gone]) {
      const slot = this.slots.get(w);
      if (!slot) continue;
      const stays = new Set(prepared.get(w)?.made.nodes.map(([id]) => id) ?? []);
      for (const id of [...slot.nodes, ...slot.added]) {
        if (stays.has(id) || !this.graph.hasNode(id)) continue;
        this.graph.forEachInEdge(id, (key, _attrs, source) => {
          const by = this.edgeSources.get(key);
          const stranded = by
            ? [...by].some((n) => !leaving.has(n))
            : !leaving.has(parseNodeId(source).workspace);
          if (stranded) throw new NeedsRebuild(`${source} reaches ${id}, which goes`);
        });
      }
    }
  }

  /** Takes a workspace's evidence out of the graph (its own nodes stay until placed again or gone). */
  private takeOut(name: string): void {
    const slot = this.slots.get(name);
    if (!slot) return;
    const { graph } = this;
    for (const key of slot.edges) if (graph.hasEdge(key)) graph.dropEdge(key);
    for (const [key] of slot.sharedEdges) {
      this.edgeSources.get(key)?.delete(name);
      this.pendingEdges.add(key);
    }
    for (const id of slot.added) if (graph.hasNode(id)) graph.dropNode(id);
    for (const id of slot.shared) {
      const by = this.sharedBy.get(id);
      by?.delete(name);
      if (by && by.size === 0) {
        this.sharedBy.delete(id);
        this.unshared.add(id);
      }
    }
    for (const reader of slot.readers) {
      this.remoteStates.delete(reader);
      this.sensitiveCopies.delete(reader);
    }
    for (const [target] of slot.secretFacts) this.secretSources.get(target)?.delete(name);
    // The secrets it spoke of are folded again from what their sources say now.
    for (const [target] of slot.secretFacts) this.pendingSecrets.add(target);
  }

  /** Secrets whose facts must be folded again: spoken of by a workspace taken out, placed or linked. */
  private readonly pendingSecrets = new Set<string>();

  /** A workspace's own nodes, placed anew: those it no longer has go, the rest take fresh attributes. */
  private place(w: CachedWorkspace, p: Prepared): void {
    const { graph } = this;
    const old = this.slots.get(w.name);
    const stays = new Set(p.made.nodes.map(([id]) => id));
    for (const id of old?.nodes ?? []) if (!stays.has(id) && graph.hasNode(id)) graph.dropNode(id);
    for (const [id, attrs] of p.made.nodes) {
      if (graph.hasNode(id)) graph.replaceNodeAttributes(id, attrs);
      else graph.addNode(id, attrs);
    }
    const secretAt = new Map<string, number>();
    p.made.ids.forEach((id, i) => {
      if (id && p.facts.resources[i]?.node.secret) {
        secretAt.set(id, i);
        this.pendingSecrets.add(id);
      }
    });
    const readers: string[] = [];
    for (const r of p.facts.remoteStates) {
      const id = p.made.ids[r.index];
      if (id) readers.push(id);
    }
    this.slots.set(w.name, {
      name: w.name,
      linked: { model: w.model, facts: p.facts, ids: p.made.ids },
      nodes: p.made.nodes.map(([id]) => id),
      local: p.made.local,
      backend: w.model.backend,
      identity: w.identity,
      source: w.facts,
      secretAt,
      added: new Set(),
      shared: new Set(),
      edges: new Set(),
      sharedEdges: [],
      readers,
      unresolved: {},
      diagnostics: LINKERS.map(() => []),
      secretFacts: [],
      structural: new Set(),
      missingIn: new Set(),
      resources: p.made.resources,
      outputs: p.made.outputs,
      tally: emptyTally(),
    });
  }

  /** Runs every linker, in order, on the workspaces in `relink`, then folds secrets and counts. */
  private link(
    list: readonly CachedWorkspace[],
    relink: ReadonlySet<string>,
    base: Omit<Estate, 'workspaces'>,
  ): BuiltGraph {
    const estate: Estate = { ...base, workspaces: list.map((w) => w.model) };
    const all = list.map((w) => (this.slots.get(w.name) as Slot).linked);
    const byConfigAddress = new Map<string, Map<string, string[]>>();
    for (const w of list) {
      const slot = this.slots.get(w.name) as Slot;
      byConfigAddress.set(w.name, slot.local);
    }
    const units = list.filter((w) => relink.has(w.name));
    const contexts = new Map<string, { ctx: LinkContext; sink: LiveSink; recorder: Recorder }>();
    for (const w of units) {
      const slot = this.slots.get(w.name) as Slot;
      const recorder: Recorder = { asked: new Set(), patterns: new Set() };
      const sink = new LiveSink(this, slot);
      const ctx: LinkContext = {
        graph: this.graph,
        estate,
        index: recordingIndex(this.index, recorder),
        workspaces: all,
        units: [slot.linked],
        byConfigAddress,
        remoteStates: this.remoteStates,
        sensitiveCopies: this.sensitiveCopies,
        diagnostics: [],
        stats: { edges: {}, unresolved: slot.unresolved },
        sink,
      };
      contexts.set(w.name, { ctx, sink, recorder });
    }
    LINKERS.forEach((linker, i) => {
      for (const w of units) {
        const { ctx, sink } = contexts.get(w.name) as { ctx: LinkContext; sink: LiveSink };
        const slot = this.slots.get(w.name) as Slot;
        ctx.diagnostics = slot.diagnostics[i] as Diagnostic[];
        sink.diagnostics = ctx.diagnostics;
        if (linker.unit === 'estate') linker.run(ctx);
        else if (w.hasState && w.model.state) {
          const { linked } = slot;
          const unit = workspaceUnit(
            w.name,
            w.model.state,
            linked.facts,
            linked.ids,
            w.model.config !== null,
          );
          linker.run(unit, ctx.index, sink);
        }
      }
    });
    for (const w of units) {
      const { recorder } = contexts.get(w.name) as { recorder: Recorder };
      w.links = {
        asked: Uint32Array.from(recorder.asked).sort(),
        patterns: [...recorder.patterns],
      };
      const slot = this.slots.get(w.name) as Slot;
      for (const [target] of slot.secretFacts) {
        addTo(this.secretSources, target, w.name);
        this.pendingSecrets.add(target);
      }
    }
    if (this.placed) this.joinSharedEdges();
    else this.pendingEdges.clear();
    // A node outside the estate no workspace's evidence needs any more goes.
    for (const id of this.unshared)
      if (!this.sharedBy.has(id) && this.graph.hasNode(id) && this.graph.degree(id) === 0)
        this.graph.dropNode(id);
    this.unshared.clear();
    this.placed = true;
    this.foldSecrets();
    for (const w of units)
      (this.slots.get(w.name) as Slot).tally = this.tallyOf(this.slots.get(w.name) as Slot);
    return this.finish(list, estate);
  }

  /**
   * Each edge leaving a node outside any workspace whose evidence changed is put together again
   * from every workspace's evidence, in estate order, the strongest kept (as one build keeps it).
   */
  private joinSharedEdges(): void {
    const { graph } = this;
    const rank = new Map(this.order.map((n, i) => [n, i] as const));
    for (const key of this.pendingEdges) {
      if (graph.hasEdge(key)) graph.dropEdge(key);
      const by = [...(this.edgeSources.get(key) ?? [])].sort(
        (a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
      );
      if (by.length === 0) this.edgeSources.delete(key);
      for (const name of by)
        for (const [k, from, to, attrs] of (this.slots.get(name) as Slot).sharedEdges)
          if (k === key) addEvidence(graph, from, to, attrs);
    }
    this.pendingEdges.clear();
  }

  /** Each secret spoken of again takes its own facts, then what every source says, in estate order. */
  private foldSecrets(): void {
    const pending = [...this.pendingSecrets];
    this.pendingSecrets.clear();
    const rank = new Map(this.order.map((n, i) => [n, i] as const));
    for (const id of pending) {
      if (!this.graph.hasNode(id)) continue;
      const attrs = this.graph.getNodeAttributes(id);
      const own = this.ownSecret(id);
      if (!attrs.secret || !own) continue;
      const secret: SecretFacts = { ...own };
      const sources = [...(this.secretSources.get(id) ?? [])].sort(
        (a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
      );
      for (const name of sources)
        for (const [target, fact] of (this.slots.get(name) as Slot).secretFacts)
          if (target === id) foldSecretFact(secret, fact);
      this.graph.replaceNodeAttributes(id, { ...attrs, secret });
    }
  }

  /** A secret's facts as its own state gives them, before anything else is folded in. */
  private ownSecret(id: string): SecretFacts | undefined {
    const slot = this.slots.get(parseNodeId(id).workspace);
    const i = slot?.secretAt.get(id);
    return i === undefined ? undefined : slot?.source.resources[i]?.node.secret;
  }

  /** What a workspace's nodes and the edges leaving them count for the estate's totals. */
  private tallyOf(slot: Slot): Tally {
    const { graph } = this;
    const t = emptyTally();
    for (const id of [...slot.nodes, ...slot.added]) {
      if (!graph.hasNode(id)) continue;
      const s = graph.getNodeAttributes(id);
      t.kinds[s.kind] = (t.kinds[s.kind] ?? 0) + 1;
      let writeOnly = false;
      let kubernetes = false;
      const kube = s.kind === 'resource' && s.type !== undefined && KUBERNETES_RESOURCE_TYPES.has(s.type);
      graph.forEachOutEdge(id, (_key, a) => {
        t.edgesByKind[a.kind] = (t.edgesByKind[a.kind] ?? 0) + 1;
        t.edgesByConfidence[a.confidence] = (t.edgesByConfidence[a.confidence] ?? 0) + 1;
        if (s.kind !== 'resource') return;
        if (isWriteOnly(a.attribute)) writeOnly = true;
        else if (a.kind === 'lookup' && kube) kubernetes = true;
      });
      if (writeOnly) t.writeOnly++;
      if (kubernetes) t.kubernetes++;
    }
    return t;
  }

  /** The counts and diagnostics of the whole graph, from each workspace's. */
  private finish(list: readonly CachedWorkspace[], estate: Estate): BuiltGraph {
    const slots = list.map((w) => this.slots.get(w.name) as Slot);
    const diagnostics: Diagnostic[] = [...estate.diagnostics];
    let missingEnds = 0;
    LINKERS.forEach((_linker, i) => {
      for (const slot of slots)
        for (const d of slot.diagnostics[i] as Diagnostic[]) {
          if (!MISSING_END_CODES.has(d.code)) {
            diagnostics.push(d);
            continue;
          }
          missingEnds++;
          if (missingEnds < MAX_MISSING_END_DIAGNOSTICS) diagnostics.push(d);
          else if (missingEnds === MAX_MISSING_END_DIAGNOSTICS)
            diagnostics.push({ ...d, message: `${d.message}${FURTHER_ONLY_COUNTED}` });
        }
    });
    const sum = (pick: (t: Tally) => Record<string, number>) => {
      const out: Record<string, number> = {};
      for (const s of slots) for (const [k, n] of Object.entries(pick(s.tally))) out[k] = (out[k] ?? 0) + n;
      return out;
    };
    const unresolved: Record<string, number> = {};
    for (const s of slots)
      for (const [k, n] of Object.entries(s.unresolved)) unresolved[k] = (unresolved[k] ?? 0) + n;
    const kinds = sum((t) => t.kinds);
    const edgesByKind = sum((t) => t.edgesByKind);
    const edgesByConfidence = sum((t) => t.edgesByConfidence);
    for (const key of this.edgeSources.keys()) {
      if (!this.graph.hasEdge(key)) continue;
      const a = this.graph.getEdgeAttributes(key);
      edgesByKind[a.kind] = (edgesByKind[a.kind] ?? 0) + 1;
      edgesByConfidence[a.confidence] = (edgesByConfidence[a.confidence] ?? 0) + 1;
    }
    for (const id of this.sharedBy.keys())
      if (this.graph.hasNode(id)) {
        const kind = this.graph.getNodeAttribute(id, 'kind');
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
    const consumers: Partial<Record<ConsumerKind, number>> = {};
    const count = (kind: ConsumerKind, n: number) => {
      if (n > 0) consumers[kind] = n;
    };
    count('provider', kinds.provider ?? 0);
    count('ephemeral', kinds.ephemeral ?? 0);
    count(
      'write_only',
      slots.reduce((n, s) => n + s.tally.writeOnly, 0),
    );
    count('module_input', kinds.module ?? 0);
    count('terragrunt_dependency', kinds.dependency ?? 0);
    count(
      'kubernetes',
      slots.reduce((n, s) => n + s.tally.kubernetes, 0),
    );
    const stats: IngestStats = {
      workspaces: slots.length,
      resources: slots.reduce((n, s) => n + s.resources, 0),
      outputs: slots.reduce((n, s) => n + s.outputs, 0),
      nodes: this.graph.order,
      edges: this.graph.size,
      edgesByKind: sortedKeys(edgesByKind),
      edgesByConfidence: sortedKeys(edgesByConfidence),
      unresolved: sortedKeys(unresolved),
      consumers,
      diagnostics: countSeverities(diagnostics),
    };
    return { graph: this.graph, diagnostics, stats };
  }

  /** @internal LiveSink's way in. */
  shared(slot: Slot, id: string, attrs: NodeAttributes): void {
    const own = parseNodeId(id).workspace === slot.name;
    if (!own) {
      slot.shared.add(id);
      addTo(this.sharedBy, id, slot.name);
    }
    if (this.graph.hasNode(id)) return;
    this.graph.addNode(id, attrs);
    if (own) slot.added.add(id);
  }

  /** @internal Evidence leaving a node outside any workspace, found by `slot`. */
  sharedEdge(slot: Slot, from: string, to: string, attrs: EdgeAttributes): EvidenceOutcome {
    const key = edgeKey(from, to, attrs.kind);
    slot.sharedEdges.push([key, from, to, attrs]);
    addTo(this.edgeSources, key, slot.name);
    this.pendingEdges.add(key);
    return addEvidence(this.graph, from, to, attrs);
  }

  /** @internal */
  producerOf(reader: string): string | undefined {
    return this.remoteStates.get(reader);
  }
}

interface Prepared {
  facts: WorkspaceFacts;
  made: ReturnType<typeof workspaceNodes>;
}

interface Recorder {
  asked: Set<number>;
  patterns: Set<string>;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function emptyTally(): Tally {
  return { edgesByKind: {}, edgesByConfidence: {}, writeOnly: 0, kubernetes: 0, kinds: {} };
}

/** The identity index of the estate as it now is: each workspace's resources (new or kept), then the grants. */
function indexOf(
  list: readonly CachedWorkspace[],
  prepared: ReadonlyMap<string, Prepared>,
  slots: ReadonlyMap<string, Slot>,
): IdentityIndex {
  const index = new IdentityIndex();
  for (const w of list) {
    const ids = prepared.get(w.name)?.made.ids ?? slots.get(w.name)?.linked.ids ?? [];
    w.facts.resources.forEach((fact, i) => {
      const id = ids[i];
      if (id) index.addFacts(id, fact);
    });
    for (const grant of w.facts.grants) index.addGrant(grant.arn, grant.accounts);
  }
  return index;
}

/** What readers of a workspace's state see of it: its outputs' names and which are sensitive. */
function outputsOf(facts: WorkspaceFacts): string {
  return facts.outputs.map((o) => `${o.name}${o.sensitive ? '*' : ''}`).join(',');
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function accountsOf(index: IdentityIndex): string {
  return [...index.accounts].sort().join(',');
}

/**
 * Where one workspace's linkers put their evidence: into the live graph, noting what it added
 * so that it can be taken out again. Evidence leaves the workspace's own nodes; evidence that
 * would leave another's cannot be taken out with this workspace, and asks for a build instead.
 */
class LiveSink implements EvidenceSink {
  diagnostics: Diagnostic[] = [];
  private missingEnds = 0;

  constructor(
    private readonly live: LiveGraph,
    private readonly slot: Slot,
  ) {}

  edge(from: string, to: string, attrs: EdgeAttributes): void {
    const { slot } = this;
    if (!this.owns(from)) {
      if (parseNodeId(from).workspace === EXTERNAL_WORKSPACE) {
        if (this.live.sharedEdge(slot, from, to, attrs) === 'no-endpoint') this.noEndpoint(from, to, attrs);
        return;
      }
      throw new NeedsRebuild(`evidence of ${slot.name} leaves ${from}, a node of another workspace`);
    }
    const key = edgeKey(from, to, attrs.kind);
    const outcome = addEvidence(this.live.graph, from, to, attrs, key);
    if (outcome === 'added') {
      slot.edges.add(key);
      if (STRUCTURAL_KINDS.has(attrs.kind)) slot.structural.add(parseNodeId(to).workspace);
    } else if (outcome === 'no-endpoint') this.noEndpoint(from, to, attrs);
  }

  missing(id: string, refs: string[]): void {
    this.own(id);
    markRefs(this.live.graph, id, 'missingRefs', refs);
    this.slot.unresolved.secret_reference = (this.slot.unresolved.secret_reference ?? 0) + refs.length;
  }

  unresolved(id: string, reason: string, refs: string[]): void {
    this.own(id);
    markRefs(this.live.graph, id, 'unresolvedRefs', refs);
    this.slot.unresolved[reason] = (this.slot.unresolved[reason] ?? 0) + refs.length;
  }

  external(id: string, attrs: NodeAttributes): void {
    this.live.shared(this.slot, id, attrs);
  }

  secretFact(id: string, fact: SecretContribution): void {
    this.slot.secretFacts.push([id, fact]);
  }

  readsOutput(from: string, reader: string, output: string, attribute: string, confidence: Confidence): void {
    const [to, attrs] = outputRead(this.live.producerOf(reader), reader, output, attribute, confidence);
    this.edge(from, to, attrs);
  }

  /** Whether a node is the workspace's own (its id is the workspace, or starts with it and `::`). */
  private owns(id: string): boolean {
    const name = this.slot.name;
    return id.startsWith(name) && (id.length === name.length || id.startsWith('::', name.length));
  }

  private own(id: string): void {
    if (!this.owns(id))
      throw new NeedsRebuild(`evidence of ${this.slot.name} marks ${id}, a node of another workspace`);
  }

  private noEndpoint(from: string, to: string, attrs: EdgeAttributes): void {
    const { slot } = this;
    const reason = attrs.kind === 'reads_output' ? 'missing_output' : 'missing_endpoint';
    slot.unresolved[reason] = (slot.unresolved[reason] ?? 0) + 1;
    slot.missingIn.add(parseNodeId(to).workspace);
    this.missingEnds++;
    if (this.missingEnds <= MAX_MISSING_END_DIAGNOSTICS) this.diagnostics.push(missingEnd(from, to, attrs));
  }
}
