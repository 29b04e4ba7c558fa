import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  blastRadius,
  buildGraph,
  type EstateGraph,
  loadEstate,
  queryImpact,
  readEstate,
  writeSnapshot,
} from '@impact/core/node';
import { isMain } from './is-main.js';
import { median, percentile, round } from './stats.js';

/** What one estate size measures, in a fresh process (run with --expose-gc). */
export interface SizeResult {
  dir: string;
  resources: number;
  nodes: number;
  edges: number;
  runs: number;
  readParseMs: number[];
  ingestMs: number[];
  ingestRatio: number;
  /** The same ingest with {@link BENCH_WORKERS} worker threads (`--workers`), in the same alternation. */
  workers: { count: number; ms: number[]; ratio: number };
  /** One ingest split into its two exported halves: read+parse+redact (readEstate) and link+graph (buildGraph). */
  phases: { readEstateMs: number; buildGraphMs: number };
  peakRssMb: number;
  retainedHeapMb: number;
  retainedBytesPerResource: number;
  snapshot: { file: string; bytes: number; writeMs: number; loadMs: number; parseMs: number; ratio: number };
  queries: QueryFigure[];
  /** The same nodes, measured in a fresh process that loaded the snapshot (as a server does). */
  queriesServed?: QueryFigure[];
}

export interface QueryFigure {
  target: number;
  id: string;
  impacted: number;
  iterations: number;
  blastRadius: { p50: number; p99: number };
  queryImpact: { p50: number; p99: number };
}

async function statePaths(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.tfstate')) out.push(full);
    }
  };
  await walk(join(dir, 'states'));
  return out.sort();
}

/** The baseline: read every state file and JSON.parse it, nothing else. */
async function readAndParse(paths: string[]): Promise<number> {
  let n = 0;
  for (const p of paths) {
    const json = JSON.parse(await readFile(p, 'utf8')) as { resources?: unknown[] };
    n += json.resources?.length ?? 0;
  }
  return n;
}

async function timed<T>(f: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

/** Nodes whose blast radius is closest (in log scale) to each target, from a sample of candidates. */
function pickQueryNodes(
  graph: EstateGraph,
  targets: number[],
): { target: number; id: string; impacted: number }[] {
  const candidates: string[] = [];
  let i = 0;
  graph.forEachNode((id, a) => {
    if (a.secret || a.kind === 'output' || (i++ % 97 === 0 && a.kind !== 'workspace')) candidates.push(id);
  });
  const sizes = new Map<string, number>();
  for (const id of candidates) sizes.set(id, blastRadius(graph, [id]).reached.length);
  return targets.map((target) => {
    let best = candidates[0] ?? '';
    let bestScore = Number.POSITIVE_INFINITY;
    for (const [id, n] of sizes) {
      const score = Math.abs(Math.log((n + 1) / (target + 1)));
      if (score < bestScore) {
        best = id;
        bestScore = score;
      }
    }
    return { target, id: best, impacted: sizes.get(best) ?? 0 };
  });
}

/**
 * Latencies of `f`, after a warm-up that is not counted: JIT tiers, and the collector finishing
 * the sweep of the heap the ingest and the forced collections left behind (a server answers long
 * after its load; the first seconds after one are not its steady state).
 */
function latency(f: () => void, budgetMs: number, maxIterations: number, warmupMs = 2000): number[] {
  const warm = performance.now();
  while (performance.now() - warm < warmupMs) f();
  const xs: number[] = [];
  const start = performance.now();
  while (xs.length < maxIterations && (xs.length < 5 || performance.now() - start < budgetMs)) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return xs;
}

/** Worker threads for the parallel ingest figure: one per core of the 2-core machine the targets are set for. */
export const BENCH_WORKERS = 2;

export async function benchSize(dir: string, runs: number, snapshotFile: string): Promise<SizeResult> {
  const paths = await statePaths(dir);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // First ingest in a clean heap: its peak RSS and what it retains are the memory figures.
  const [firstMs, loaded] = await timed(() => loadEstate(dir));
  if (!loaded.ok) throw new Error(`ingest failed: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const built = loaded.built;
  const resources = built.stats.resources;
  // Side by side: baseline and full ingest alternate, so machine noise hits both.
  const readParseMs: number[] = [];
  const ingestMs: number[] = [firstMs];
  const workersMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    readParseMs.push((await timed(() => readAndParse(paths)))[0]);
    gc();
    if (r > 0) ingestMs.push((await timed(() => loadEstate(dir)))[0]);
    gc();
    workersMs.push((await timed(() => loadEstate(dir, { workers: BENCH_WORKERS })))[0]);
    gc();
  }
  // The phases, on their own: the parsed models are dropped before anything else is measured
  // (held on, they would double the heap every later figure runs in).
  let estate: Awaited<ReturnType<typeof readEstate>> | null = null;
  const [readMs] = await timed(async () => {
    estate = await readEstate(dir);
  });
  const [buildMs] = await timed(() =>
    buildGraph(estate as unknown as Awaited<ReturnType<typeof readEstate>>),
  );
  estate = null;
  gc();
  // Snapshots are NDJSON (a line per node and edge), streamed: no single string holds the graph.
  const [writeMs, bytes] = await timed(async () => {
    try {
      await writeSnapshot(snapshotFile, built, dir);
      return (await stat(snapshotFile)).size;
    } catch (error) {
      process.stderr.write(`snapshot of ${dir} failed: ${String(error)}\n`);
      return -1;
    }
  });
  const snapLoad: number[] = [];
  const snapParse: number[] = [];
  for (let r = 0; r < (bytes < 0 ? 0 : Math.max(1, runs)); r++) {
    // The baseline: reading the same file and JSON.parse-ing each of its lines, nothing else.
    snapParse.push((await timed(() => parseLines(snapshotFile)))[0]);
    gc();
    snapLoad.push((await timed(() => loadEstate(snapshotFile)))[0]);
    gc();
  }
  const now = new Date('2026-12-02T00:00:00Z');
  const queries = pickQueryNodes(built.graph, [10, 1000, 100_000]).map((q) => {
    const br = latency(() => blastRadius(built.graph, [q.id]), 2000, 300);
    const qi = latency(() => queryImpact(built.graph, q.id, { action: 'delete', now }), 3000, 300);
    return {
      ...q,
      iterations: qi.length,
      blastRadius: { p50: round(percentile(br, 50)), p99: round(percentile(br, 99)) },
      queryImpact: { p50: round(percentile(qi, 50)), p99: round(percentile(qi, 99)) },
    };
  });
  return {
    dir,
    resources,
    nodes: built.stats.nodes,
    edges: built.stats.edges,
    runs: ingestMs.length,
    readParseMs: readParseMs.map((x) => round(x, 0)),
    ingestMs: ingestMs.map((x) => round(x, 0)),
    ingestRatio: round(median(ingestMs) / median(readParseMs)),
    workers: {
      count: BENCH_WORKERS,
      ms: workersMs.map((x) => round(x, 0)),
      ratio: round(median(workersMs) / median(readParseMs)),
    },
    phases: { readEstateMs: round(readMs, 0), buildGraphMs: round(buildMs, 0) },
    peakRssMb: round(peakRssMb, 0),
    retainedHeapMb: round(retained / 1048576, 1),
    retainedBytesPerResource: round(retained / resources, 0),
    snapshot: {
      file: snapshotFile,
      bytes,
      writeMs: round(writeMs, 0),
      loadMs: round(median(snapLoad), 0),
      parseMs: round(median(snapParse), 0),
      ratio: round(median(snapLoad) / median(snapParse)),
    },
    queries,
  };
}

/**
 * Query latency in a process that holds only the graph, loaded from its snapshot: what
 * `impact serve` and `impact query --estate <snapshot>` run in. (The figures of
 * {@link benchSize} come from the process that also ran every ingest, snapshot write and load.)
 */
export async function benchQueriesServed(
  snapshotFile: string,
  picked: QueryFigure[],
): Promise<QueryFigure[]> {
  const loaded = await loadEstate(snapshotFile);
  if (!loaded.ok) throw new Error(`cannot load ${snapshotFile}`);
  gc();
  const graph = loaded.built.graph;
  const now = new Date('2026-12-02T00:00:00Z');
  return picked.map((q) => {
    const br = latency(() => blastRadius(graph, [q.id]), 2000, 300);
    const qi = latency(() => queryImpact(graph, q.id, { action: 'delete', now }), 3000, 300);
    return {
      ...q,
      iterations: qi.length,
      blastRadius: { p50: round(percentile(br, 50)), p99: round(percentile(br, 99)) },
      queryImpact: { p50: round(percentile(qi, 50)), p99: round(percentile(qi, 99)) },
    };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      runs: { type: 'string', default: '3' },
      snapshot: { type: 'string' },
      'served-queries': { type: 'string' },
    },
  });
  if (values['served-queries'] && values.snapshot) {
    const picked = JSON.parse(values['served-queries']) as QueryFigure[];
    process.stdout.write(`${JSON.stringify(await benchQueriesServed(values.snapshot, picked))}\n`);
    return;
  }
  if (!values.dir || !values.snapshot)
    throw new Error('usage: bench-size --dir DIR --snapshot FILE [--runs N]');
  const result = await benchSize(values.dir, Number(values.runs), values.snapshot);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

async function parseLines(file: string): Promise<number> {
  let n = 0;
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line !== '' && JSON.parse(line) !== null) n++;
  return n;
}
