import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { type BuiltGraph, GraphBuilder } from '../graph/build-graph.js';
import type { WorkspaceFacts } from '../graph/workspace-facts.js';
import { digestKey } from '../ingest/value-digest.js';
import { replay } from '../link/evidence-sink.js';
import type { LinkedWorkspace } from '../link/link-context.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Estate, WorkspaceModel } from '../model/estate.js';
import type { FromWorker, LinkRequest, LinkResult, ReadResult, ToWorker } from './ingest-messages.js';
import { type ManifestEntry, type ReadEstateOptions, readWorkspace, type StatePart } from './read-estate.js';

/**
 * Reads each worker has queued. The main thread takes worker messages only between the files it
 * builds, so a queue of one or two would leave a worker waiting on it.
 */
const IN_FLIGHT = 16;

/**
 * Ingests an estate with state files parsed, redacted and linked (attribute references, policies)
 * in worker threads, while the main thread builds the graph from what they send: slim models and
 * node facts, then recorded evidence, replayed in file order. The graph is the one
 * {@link buildGraph} makes of the same files, edge for edge (tested).
 */
export async function ingestInWorkers(
  root: string,
  entries: readonly ManifestEntry[],
  listing: readonly Diagnostic[],
  workers: number,
  options: ReadEstateOptions = {},
  /** The worker script (tests give one that fails). */
  script: string = workerFile(),
): Promise<{ estate: Estate; built: BuiltGraph }> {
  const pool = new WorkerPool(root, workers, script);
  try {
    const diagnostics: Diagnostic[] = [...listing];
    const estate: Estate = { source: root, workspaces: [], diagnostics, ingestedAt: '' };
    const facts: (WorkspaceFacts | null | undefined)[] = [];
    const parts = entries.map((entry, file) =>
      entry.state
        ? pool.read(file, entry).then(({ json }) => {
            const { part, facts: f } = JSON.parse(json) as ReadResult;
            facts[file] = f;
            return part;
          })
        : Promise.resolve<StatePart>({ state: null, diagnostics: [] }),
    );
    // Nothing rejects unobserved while the main thread works through the files in order.
    for (const p of parts) p.catch(() => {});
    const builder = new GraphBuilder();
    const kept: { file: number; linked: LinkedWorkspace }[] = [];
    let resources = 0;
    for (let file = 0; file < entries.length; file++) {
      const entry = entries[file] as ManifestEntry;
      const ws: WorkspaceModel = await readWorkspace(
        root,
        entry,
        parts[file] as Promise<StatePart>,
        diagnostics,
      );
      estate.workspaces.push(ws);
      const f = facts[file] ?? undefined;
      const linked = builder.addWorkspace(ws, f);
      facts[file] = undefined;
      if (linked && ws.state) kept.push({ file, linked });
      resources += f?.resources.length ?? 0;
      options.onProgress?.({
        files: file + 1,
        total: entries.length,
        file: entry.state ?? entry.config ?? entry.name,
        resources,
      });
    }
    estate.ingestedAt = new Date().toISOString();
    // The linkers walk their one list. At the first per-workspace linker, the estate-wide ones
    // before it have resolved the remote states (whose sensitive copies the workers redact first):
    // the workers then run every per-workspace linker, and each is replayed at its place.
    let results: Partial<LinkResult>[] | null = null;
    for (const linker of builder.linkStages(estate)) {
      results ??= await linkInWorkers(pool, builder, kept);
      for (const r of results) replay(r[linker.name] ?? [], builder.sink);
    }
    return { estate, built: builder.finish(estate) };
  } finally {
    await pool.close();
  }
}

/** Every kept file's per-workspace evidence, by linker, in file order. */
async function linkInWorkers(
  pool: WorkerPool,
  builder: GraphBuilder,
  kept: readonly { file: number; linked: LinkedWorkspace }[],
): Promise<Partial<LinkResult>[]> {
  const requests: LinkRequest[] = kept.map(({ file, linked }) => ({
    file,
    skipped: linked.ids.flatMap((id, i) => (id === null ? [i] : [])),
    hasConfig: linked.model.config !== null,
    sensitiveCopies: [...builder.sensitiveCopies].filter(([reader]) =>
      reader.startsWith(`${linked.model.name}::`),
    ),
  }));
  const linked = await pool.link(serialize(builder.index.toData()), requests);
  return kept.map(({ file }) => JSON.parse(linked.get(file) ?? '{}') as Partial<LinkResult>);
}

/** The compiled worker: next to this module, or in `dist/` when this module runs from source (tests). */
function workerFile(): string {
  const url = import.meta.url.endsWith('.ts')
    ? new URL('../../dist/node/ingest-worker.js', import.meta.url)
    : new URL('./ingest-worker.js', import.meta.url);
  const file = fileURLToPath(url);
  if (!existsSync(file)) throw new Error(`the ingest worker is not built (${file}): run \`pnpm build\``);
  return file;
}

type ReadReply = FromWorker & { type: 'read' };
type Linked = Map<number, string>;

/** Workers, each given reads as it finishes them; a worker that fails fails the whole ingest. */
class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (r: ReadReply) => void; reject: (e: Error) => void }
  >();
  private readonly queue: { file: number; entry: ManifestEntry }[] = [];
  private readonly busy: number[];
  /** Which worker keeps which file, for the link step. */
  private readonly owner = new Map<number, number>();
  private failure: Error | null = null;
  private onFailure: ((e: Error) => void)[] = [];
  private linking: { pending: number; linked: Linked; resolve: (l: Linked) => void } | null = null;
  private closing = false;

  constructor(root: string, size: number, file: string) {
    const workerData = { root, digestKey: digestKey() };
    this.busy = new Array(size).fill(0);
    this.workers = Array.from({ length: size }, (_, w) => {
      const worker = new Worker(file, { workerData });
      worker.on('message', (m: FromWorker) => this.receive(w, m));
      worker.on('error', (e) => this.fail(new Error(`ingest worker ${w + 1} failed: ${e.message}`)));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`ingest worker ${w + 1} exited (code ${code})`));
      });
      return worker;
    });
  }

  read(file: number, entry: ManifestEntry): Promise<ReadReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<ReadReply>((resolve, reject) => {
      this.waiting.set(file, { resolve, reject });
      this.queue.push({ file, entry });
      this.dispatch();
    });
  }

  link(index: Uint8Array, files: LinkRequest[]): Promise<Linked> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Linked>((resolve, reject) => {
      this.onFailure.push(reject);
      this.linking = { pending: this.workers.length, linked: new Map(), resolve };
      this.workers.forEach((worker, w) => {
        const message: ToWorker = {
          type: 'link',
          index,
          files: files.filter(({ file }) => this.owner.get(file) === w),
        };
        worker.postMessage(message);
      });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    for (let w = 0; w < this.workers.length && this.queue.length > 0; w++) {
      while ((this.busy[w] as number) < IN_FLIGHT && this.queue.length > 0) {
        const next = this.queue.shift() as { file: number; entry: ManifestEntry };
        this.busy[w] = (this.busy[w] as number) + 1;
        this.owner.set(next.file, w);
        const message: ToWorker = { type: 'read', file: next.file, entry: next.entry };
        this.workers[w]?.postMessage(message);
      }
    }
  }

  private receive(w: number, m: FromWorker): void {
    if (m.type === 'failed') {
      this.fail(new Error(`ingest worker ${w + 1} failed: ${m.reason}`));
    } else if (m.type === 'read') {
      this.busy[w] = (this.busy[w] as number) - 1;
      const waiter = this.waiting.get(m.file);
      this.waiting.delete(m.file);
      waiter?.resolve(m);
      this.dispatch();
    } else if (this.linking) {
      for (const f of m.files) this.linking.linked.set(f.file, f.json);
      if (--this.linking.pending === 0) this.linking.resolve(this.linking.linked);
    }
  }

  private fail(error: Error): void {
    if (this.failure || this.closing) return;
    this.failure = error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
    for (const reject of this.onFailure) reject(error);
    this.onFailure = [];
  }
}
