import type { BuiltGraph } from '../graph/build-graph.js';
import { extractWorkspace } from '../graph/extract-workspace.js';
import type { StateVersionRef } from '../history/history-types.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { WorkspaceModel } from '../model/estate.js';
import { SourceError } from '../source/state-source.js';
import {
  type CachedWorkspace,
  identitiesOf,
  sameIdentities,
  sharedOf,
  toRelink,
} from './incremental-build.js';
import { LiveGraph } from './live-build.js';
import { mirrorBucket } from './mirror-bucket.js';
import type { StatePart } from './read-estate.js';

/** A workspace a provider lists: its version, and how to read it. */
export interface WorkspaceItem {
  name: string;
  version: string;
  /** When its state last changed (ISO 8601), as the source's listing says (an object's last-modified time, a file's mtime). */
  updated?: string;
  /** Reads it (state and configuration); a source that cannot be read throws a {@link SourceError}. */
  load(): Promise<LoadedWorkspace>;
  /** A source's state, by where Terraform keeps it: a Terragrunt unit whose backend is there takes it. */
  offers?: StateOffer;
  /** A Terragrunt unit whose state is not in the directory: it takes the state a source offers at its backend. */
  claims?: StateClaim;
}

export interface StateOffer {
  /** backend.ts's canonical address (`s3://bucket/key`). */
  backend: string;
  /** The state's own version (an ETag), without that of any configuration. */
  version: string;
  /** When the state last changed, as the source's listing says. */
  updated?: string;
  /** Fetches and parses the state alone; a source that cannot be read throws a {@link SourceError}. */
  read(): Promise<StatePart>;
}

export interface StateClaim {
  /** backend.ts's canonical address of the unit's `remote_state`. */
  backend: string;
  /** Reads the unit (its configuration and Terragrunt data) with that state. */
  load(state: Promise<StatePart>): Promise<LoadedWorkspace>;
}

export interface LoadedWorkspace {
  model: WorkspaceModel;
  /** What reading it found, tagged with the workspace. */
  diagnostics: Diagnostic[];
}

export interface ProviderListing {
  items: WorkspaceItem[];
  diagnostics: Diagnostic[];
  /** The provider's listing cannot be used (a broken manifest): its diagnostics say why. */
  refused?: boolean;
  /** Objects seen (states, and what was skipped). */
  objects: number;
  /** A directory without manifest: it mirrors the bucket of its own name when a reader names it. */
  mirror?: { bucket: string; inferred: boolean };
}

/** A directory, or a source (bucket, organization) with its manifest settings: what lists workspaces. */
export interface EstateProvider {
  readonly name: string;
  readonly kind: string;
  list(signal?: AbortSignal): Promise<ProviderListing>;
}

/** What the Status page shows of each source. */
export interface SourceStatus {
  name: string;
  kind: string;
  lastPollAt?: string;
  /** When a poll last found a state added, changed or gone. */
  lastChangeAt?: string;
  /** Objects its last good listing held, and the workspaces among them. */
  objects: number;
  workspaces: number;
  /** States read in its last poll (the rest were unchanged). */
  fetched: number;
  lastError?: string;
  lastErrorAt?: string;
}

/** What one ingest did: how much it read anew and re-linked. */
export interface IngestSummary {
  workspaces: number;
  fetched: number;
  reused: number;
  /** Workspaces whose per-workspace linkers ran (changed ones, and those whose references the change touches). */
  relinked: number;
  /** Unchanged states read again because a change touched what they refer to. */
  reread: number;
  removed: number;
  ms: number;
  /** Whether the live graph was patched in place (else it was built anew: the first ingest, or a change it cannot take). */
  patched: boolean;
}

export type IngestOutcome =
  | {
      ok: true;
      built: BuiltGraph;
      /** False when no source changed: `built` is the previous graph. */
      changed: boolean;
      source: string;
      ingestedAt: string;
      summary: IngestSummary;
      /** Every workspace's state version, and when the source says it changed: what a history records. */
      states: StateVersionRef[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

export interface EstateIngest {
  readonly name: string;
  /** Lists every source and reads only what changed; a source that fails fails the whole ingest. */
  ingest(signal?: AbortSignal): Promise<IngestOutcome>;
  sources(): SourceStatus[];
}

interface Kept extends CachedWorkspace {
  provider: string;
  version: string;
  item: WorkspaceItem;
  /** The backend its reading gave, before a bucket mirror applies. */
  baseBackend: string | null;
}

/**
 * Incremental ingest over providers (DESIGN.md, "Staying current"): each ingest lists every
 * provider, reads only the workspaces whose version changed, and builds the graph from what it
 * kept of the rest (see incremental-build.ts). Any provider that cannot be listed or read fails
 * the ingest as a whole, with its name and reason: the last good graph is never replaced by a
 * smaller one. Nothing read is written anywhere; states are dropped once linked.
 */
export function createEstateIngest(options: {
  name: string;
  providers: readonly EstateProvider[];
  clock?: () => Date;
}): EstateIngest {
  const clock = options.clock ?? (() => new Date());
  const status = new Map<string, SourceStatus>(
    options.providers.map((p) => [
      p.name,
      { name: p.name, kind: p.kind, objects: 0, workspaces: 0, fetched: 0 },
    ]),
  );
  let kept = new Map<string, Kept>();
  let previous: {
    live: LiveGraph;
    built: BuiltGraph;
    ingestedAt: string;
    names: string[];
  } | null = null;

  const ingest = async (signal?: AbortSignal): Promise<IngestOutcome> => {
    const started = performance.now();
    const now = clock().toISOString();
    const listings: { provider: EstateProvider; listing: ProviderListing }[] = [];
    for (const provider of options.providers) {
      const s = status.get(provider.name) as SourceStatus;
      s.lastPollAt = now;
      try {
        const listing = await provider.list(signal);
        if (listing.refused) return fail(s, now, listing.diagnostics);
        if (listing.items.length === 0 && s.workspaces > 0)
          throw new SourceError(
            provider.name,
            'partial',
            `it listed no state where it held ${s.workspaces}: the last good graph is kept`,
          );
        listings.push({ provider, listing });
      } catch (error) {
        return fail(s, now, [sourceDiagnostic(provider.name, error)]);
      }
    }
    claimStates(listings);
    const next = new Map<string, Kept>();
    const list: Kept[] = [];
    const changed = new Set<string>();
    let fetched = 0;
    for (const { provider, listing } of listings) {
      const s = status.get(provider.name) as SourceStatus;
      let read = 0;
      try {
        const items = await inParallel(listing.items, async (item) => {
          const k = kept.get(`${provider.name}\u0000${item.name}`);
          if (k && k.version === item.version) return { k, fresh: false };
          return { k: keep(provider.name, item, await item.load()), fresh: true };
        });
        listing.items.forEach((item, i) => {
          const { k, fresh } = items[i] as { k: Kept; fresh: boolean };
          if (fresh) {
            changed.add(item.name);
            read++;
          }
          k.item = item;
          next.set(`${provider.name}\u0000${item.name}`, k);
          list.push(k);
        });
      } catch (error) {
        return fail(s, now, [sourceDiagnostic(provider.name, error)]);
      }
      fetched += read;
      s.fetched = read;
      s.objects = listing.objects;
      if (read > 0 || listing.items.length !== s.workspaces) s.lastChangeAt = now;
      s.workspaces = listing.items.length;
      delete s.lastError;
      delete s.lastErrorAt;
    }
    const removed = [...kept.values()].filter((k) => !next.has(`${k.provider}\u0000${k.name}`));
    for (const r of removed) changed.add(r.name);
    if (previous && changed.size === 0) {
      return {
        ok: true,
        built: previous.built,
        changed: false,
        source: options.name,
        ingestedAt: previous.ingestedAt,
        summary: summary(list.length, 0, 0, 0, 0, performance.now() - started),
        states: statesOf(list),
      };
    }
    const mirror = () => {
      for (const { provider, listing } of listings) applyMirror(list, provider.name, listing);
    };
    mirror();
    const before = new Map([...kept.values()].map((k) => [k.name, k] as const));
    const { unique, duplicates } = firstOfEach(list);
    let relink: Set<string> | null = null;
    if (previous && !previous.live.broken && !previous.live.backendsMoved(unique, changed)) {
      const asked = toRelink(unique, changed, before);
      if (asked) relink = previous.live.widen(unique, asked, changed);
    }
    let reread = 0;
    try {
      reread = await reload(list, relink);
    } catch (error) {
      return failFor(error, now);
    }
    mirror();
    const diagnostics = listings.flatMap((l) => l.listing.diagnostics);
    const ingestedAt = clock().toISOString();
    const base = () => ({
      source: options.name,
      diagnostics: [...diagnostics, ...list.flatMap((k) => k.diagnostics), ...duplicates],
      ingestedAt,
    });
    let built: BuiltGraph | undefined;
    let live = previous?.live;
    if (previous && live && relink !== null) {
      const same = sameIdentities(unique, previous.names, changed, before);
      try {
        built = live.patch(unique, relink, same, base());
      } catch {
        // It cannot be taken in place (NeedsRebuild), or patching failed and was undone: built anew
        // (an estate a build cannot take either fails below, and the last good graph stays).
      }
    }
    if (!built) {
      // The first ingest, or one the live graph cannot take in place: every workspace is linked.
      relink = null;
      try {
        reread += await reload(list, relink);
      } catch (error) {
        return failFor(error, now);
      }
      mirror();
      ({ live, built } = LiveGraph.build(unique, base()));
    }
    for (const k of list) k.model.state = null;
    kept = next;
    previous = { live: live as LiveGraph, built, ingestedAt, names: unique.map((k) => k.name) };
    return {
      ok: true,
      built,
      changed: true,
      source: options.name,
      ingestedAt,
      summary: summary(
        list.length,
        fetched,
        list.length - fetched,
        relink === null ? unique.filter((k) => k.hasState).length : relink.size,
        reread,
        performance.now() - started,
        removed.length,
        relink !== null,
      ),
      states: statesOf(list),
    };
  };

  const fail = (s: SourceStatus, at: string, diagnostics: Diagnostic[]): IngestOutcome => {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    s.lastError = (errors.length > 0 ? errors : diagnostics).map((d) => d.message).join('; ') || 'failed';
    s.lastErrorAt = at;
    return { ok: false, diagnostics };
  };

  const failFor = (error: unknown, at: string): IngestOutcome => {
    const named = error instanceof SourceError ? status.get(error.source) : undefined;
    const s = named ?? ([...status.values()][0] as SourceStatus);
    return fail(s, at, [sourceDiagnostic(s.name, error)]);
  };

  return {
    name: options.name,
    ingest,
    sources: () => [...status.values()].map((s) => ({ ...s })),
  };
}

function statesOf(list: readonly Kept[]): StateVersionRef[] {
  return list
    .map((k) => ({
      workspace: k.name,
      version: k.item.version,
      ...(k.item.updated !== undefined ? { updated: k.item.updated } : {}),
    }))
    .sort((a, b) => (a.workspace < b.workspace ? -1 : a.workspace > b.workspace ? 1 : 0));
}

function keep(provider: string, item: WorkspaceItem, loaded: LoadedWorkspace): Kept {
  const { model } = loaded;
  const facts = extractWorkspace(model.name, model.state, { account: model.account, region: model.region });
  return {
    name: item.name,
    provider,
    version: item.version,
    item,
    model,
    facts,
    diagnostics: loaded.diagnostics,
    hasState: model.state !== null,
    identity: identitiesOf(model.name, facts),
    shared: sharedOf(facts),
    baseBackend: model.backend,
  };
}

/**
 * A Terragrunt unit whose state is not in the directory takes the state a source offers at the
 * address of its `remote_state`: one workspace, named by the unit, with its configuration and
 * Terragrunt data and the source's state. It counts as the source's (the source fetches it), and
 * its version is the unit's with the state's, so a changed object re-reads that unit only. The
 * unit's `terragrunt.state-not-found` goes: its state is found.
 */
function claimStates(listings: { provider: EstateProvider; listing: ProviderListing }[]): void {
  const offered = new Map<string, { listing: ProviderListing; index: number; provider: string }>();
  for (const { provider, listing } of listings)
    listing.items.forEach((item, index) => {
      if (!item.offers) return;
      const first = offered.get(item.offers.backend);
      if (!first) offered.set(item.offers.backend, { listing, index, provider: provider.name });
      // Said, not chosen silently: a Terragrunt unit at that address takes the first source's.
      else
        listing.diagnostics.push(
          diagnostic(
            'warning',
            'source.duplicate-state',
            `${item.offers.backend} is listed by ${first.provider} and by ${provider.name}: a unit whose remote_state is there takes ${first.provider}'s`,
            { workspace: item.name },
          ),
        );
    });
  if (offered.size === 0) return;
  const claimedBy = new Map<string, string>();
  for (const { listing } of listings) {
    const taken = new Set<string>();
    listing.items = listing.items.filter((unit) => {
      const claim = unit.claims;
      const earlier = claim ? claimedBy.get(claim.backend) : undefined;
      if (claim && earlier !== undefined)
        listing.diagnostics.push(
          diagnostic(
            'warning',
            'terragrunt.shared-state',
            `units ${earlier} and ${unit.name} both keep their state at ${claim.backend}: only ${earlier} takes it`,
            { workspace: unit.name },
          ),
        );
      const at = claim ? offered.get(claim.backend) : undefined;
      if (!claim || !at) return true;
      claimedBy.set(claim.backend, unit.name);
      const source = at.listing.items[at.index] as WorkspaceItem;
      const offer = source.offers as StateOffer;
      at.listing.items[at.index] = {
        name: unit.name,
        version: `${unit.version}|${offer.version}`,
        ...(offer.updated !== undefined ? { updated: offer.updated } : {}),
        load: () => claim.load(offer.read()),
      };
      offered.delete(claim.backend);
      taken.add(unit.name);
      return false;
    });
    listing.diagnostics = listing.diagnostics.filter(
      (d) =>
        !(d.code === 'terragrunt.state-not-found' && d.workspace !== undefined && taken.has(d.workspace)),
    );
  }
}

/**
 * The first workspace of each name, and a diagnostic for each repeat (as a build says it): two
 * sources listing one name keep the first.
 */
function firstOfEach(list: readonly Kept[]): { unique: Kept[]; duplicates: Diagnostic[] } {
  const seen = new Set<string>();
  const unique: Kept[] = [];
  const duplicates: Diagnostic[] = [];
  for (const k of list) {
    if (seen.has(k.name)) {
      duplicates.push(
        diagnostic(
          'error',
          'estate.duplicate-workspace',
          `workspace ${k.name} is listed twice; the first is kept`,
          {
            workspace: k.name,
          },
        ),
      );
      continue;
    }
    seen.add(k.name);
    unique.push(k);
  }
  return { unique, duplicates };
}

/** States read at once: reading one overlaps parsing another. */
const READ_CONCURRENCY = 4;

/** `work` on each item, a few at a time; the answers in the items' order. */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
  return out;
}

/** Reads again the states of unchanged workspaces that must be re-linked (they were dropped once linked). */
async function reload(list: Kept[], relink: ReadonlySet<string> | null): Promise<number> {
  const todo = list.filter(
    (k) => k.hasState && k.model.state === null && (relink === null || relink.has(k.name)),
  );
  await inParallel(todo, async (k) => {
    // The same version as when it was kept: its facts, identities and diagnostics are too.
    const loaded = await k.item.load();
    if (loaded.model.state === null) throw new Error(`${k.name}: its state could not be read again`);
    k.model = loaded.model;
    k.baseBackend = loaded.model.backend;
  });
  return todo.length;
}

/**
 * A directory without manifest mirrors a bucket: the one `--bucket` named, else its own name when
 * an s3 remote-state reader of the estate names it. Decided on every build, from the facts.
 */
function applyMirror(list: Kept[], provider: string, listing: ProviderListing): void {
  const mine = list.filter((k) => k.provider === provider);
  for (const k of mine) k.model.backend = k.baseBackend;
  const mirror = listing.mirror;
  if (!mirror?.inferred) return;
  const named = list.some((k) =>
    k.facts.remoteStates.some((r) => r.backend === 's3' && r.config.bucket === mirror.bucket),
  );
  if (named)
    mirrorBucket(
      mirror.bucket,
      mine.map((k) => k.model),
    );
}

function summary(
  workspaces: number,
  fetched: number,
  reused: number,
  relinked: number,
  reread: number,
  ms: number,
  removed = 0,
  patched = false,
): IngestSummary {
  return { workspaces, fetched, reused, relinked, reread, removed, ms: Math.round(ms), patched };
}

/** A source's failure as a diagnostic naming it and the reason (never a credential: sources word their own errors). */
export function sourceDiagnostic(source: string, error: unknown): Diagnostic {
  if (error instanceof SourceError) return diagnostic('error', `source.${error.failure}`, error.message);
  const reason = error instanceof Error ? error.message : String(error);
  return diagnostic('error', 'source.failed', `${source}: ${reason}`);
}
