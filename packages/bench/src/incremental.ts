import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEstateIngest, directoryProvider, type IngestOutcome, loadEstate } from '@impact/core/node';
import { isMain } from './is-main.js';
import { median, round } from './stats.js';

/** One kind of change to one state, re-ingested again and again (each run changes it anew). */
export interface ChangeFigure {
  what: string;
  file: string;
  ms: number[];
  /** States read anew, workspaces re-linked, unchanged states read again (their references touched). */
  fetched: number;
  relinked: number;
  reread: number;
  /** Median re-ingest ÷ median full ingest (core's loadEstate), measured side by side. */
  ratio: number;
}

export interface IncrementalResult {
  /** core's `loadEstate` of the directory: the full ingest every ratio is taken against. */
  fullMs: number[];
  /** The incremental ingest's own first (full) ingest, which also records what it needs to re-ingest. */
  firstMs: number;
  /** Heap the incremental ingest holds beyond its graph (kept facts, recorded evidence, asked-string hashes). */
  cacheMb: number;
  graphMb: number;
  changes: ChangeFigure[];
}

type State = {
  serial: number;
  resources: { mode: string; type: string; instances: { attributes: Record<string, unknown> }[] }[];
};

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function must(outcome: IngestOutcome): IngestOutcome & { ok: true } {
  if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '));
  return outcome;
}

/**
 * The incremental re-ingest of DESIGN.md's "Staying current", measured: one state of the estate
 * changes (a consumer's attribute; a producer's secret replaced, so its ARN changes), the
 * directory is ingested again, and that is timed against a full ingest run alternately in the
 * same process. Every changed file is put back as it was.
 */
export async function benchIncremental(dir: string, runs: number): Promise<IncrementalResult> {
  const consumer = join(dir, 'states/team-3/svc-3.tfstate');
  const producer = join(dir, 'states/platform/secrets-0.tfstate');
  const originals = new Map([consumer, producer].map((f) => [f, readFileSync(f)] as const));
  try {
    gc();
    const before = process.memoryUsage().heapUsed;
    const ingest = createEstateIngest({ name: dir, providers: [directoryProvider(dir)] });
    let t = performance.now();
    const first = must(await ingest.ingest());
    const firstMs = performance.now() - t;
    gc();
    const held = process.memoryUsage().heapUsed - before;
    const graphMb = await graphOnlyMb(dir);
    const fullMs: number[] = [];
    const changes: ChangeFigure[] = [];
    for (const [what, file, change] of [
      ['a consumer changes an attribute', consumer, touchAttribute],
      ['a producer replaces a secret (a new ARN)', producer, replaceSecret],
    ] as const) {
      const ms: number[] = [];
      let last = first;
      for (let r = 1; r <= runs; r++) {
        // Each run changes the state as it first was: a secret replaced breaks the references its
        // consumers hold to its first ARN every time, not only the first.
        if (r > 1) {
          writeFileSync(file, originals.get(file) as Buffer);
          must(await ingest.ingest());
        }
        const state = JSON.parse((originals.get(file) as Buffer).toString('utf8')) as State;
        change(state, r);
        state.serial += r;
        writeFileSync(file, JSON.stringify(state));
        t = performance.now();
        last = must(await ingest.ingest());
        ms.push(performance.now() - t);
        gc();
        t = performance.now();
        await loadEstate(dir);
        fullMs.push(performance.now() - t);
        gc();
      }
      changes.push({
        what,
        file: file.slice(dir.length + 1),
        ms: ms.map((x) => round(x, 0)),
        fetched: last.summary.fetched,
        relinked: last.summary.relinked,
        reread: last.summary.reread,
        ratio: 0,
      });
      writeFileSync(file, originals.get(file) as Buffer);
      must(await ingest.ingest());
    }
    const full = median(fullMs);
    for (const c of changes) c.ratio = round(median(c.ms) / full, 3);
    return {
      fullMs: fullMs.map((x) => round(x, 0)),
      firstMs: round(firstMs, 0),
      cacheMb: round(held / 1048576 - graphMb, 1),
      graphMb: round(graphMb, 1),
      changes,
    };
  } finally {
    for (const [file, bytes] of originals) writeFileSync(file, bytes);
  }
}

/** The heap a full ingest's graph alone holds. */
async function graphOnlyMb(dir: string): Promise<number> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const loaded = await loadEstate(dir);
  gc();
  const mb = (process.memoryUsage().heapUsed - before) / 1048576;
  if (!loaded.ok) throw new Error('ingest failed');
  return mb;
}

function touchAttribute(state: State, run: number): void {
  const r = state.resources.find((x) => x.mode === 'managed' && x.instances[0]);
  const attributes = r?.instances[0]?.attributes;
  if (attributes) attributes.description = `changed by the benchmark, run ${run}`;
}

function replaceSecret(state: State, run: number): void {
  const r = state.resources.find((x) => x.type === 'aws_secretsmanager_secret');
  for (const i of r?.instances ?? []) {
    const arn = String(i.attributes.arn ?? '');
    const replaced = arn.replace(/-[A-Za-z0-9]{6}$/, `-Bn${String(run).padStart(4, '0')}`);
    i.attributes.arn = replaced;
    i.attributes.id = replaced;
  }
}

export function incrementalLines(name: string, r: IncrementalResult): string[] {
  return [
    '',
    `Re-ingest @${name} (directory; full ingest = core loadEstate, median of ${r.fullMs.length}: ${median(r.fullMs)} ms; the incremental ingest's own first run ${r.firstMs} ms; it holds ${r.cacheMb} MB beyond its ${r.graphMb} MB graph):`,
    '| change | re-ingest ms (runs) | median | ÷ full ingest | states read | re-linked | read again |',
    '|---|---|---|---|---|---|---|',
    ...r.changes.map(
      (c) =>
        `| ${c.what} (${c.file}) | ${c.ms.join(', ')} | ${median(c.ms)} | ${round(c.ratio * 100, 1)} % | ${c.fetched} | ${c.relinked} | ${c.reread} |`,
    ),
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, runs: { type: 'string', default: '5' } },
  });
  if (!values.dir) throw new Error('usage: incremental --dir DIR [--runs N]');
  const result = await benchIncremental(values.dir, Number(values.runs));
  process.stdout.write(`${incrementalLines(values.dir, result).join('\n')}\n${JSON.stringify(result)}\n`);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
