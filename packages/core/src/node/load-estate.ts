import { open, stat } from 'node:fs/promises';
import { type BuiltGraph, buildGraph } from '../graph/build-graph.js';
import { fromSnapshot, STREAM_SNAPSHOT_VERSION } from '../graph/snapshot.js';
import { decodeText } from '../ingest/decode-text.js';
import { jsonErrorReason } from '../ingest/json-error-reason.js';
import { MAX_FILE_BYTES } from '../ingest/read-terraform-json.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import { mirrorBucketByReaders } from './mirror-bucket.js';
import { ingestInWorkers } from './parallel-ingest.js';
import { listManifest, type ReadEstateOptions, readEntries } from './read-estate.js';
import { readRegularFile } from './read-regular-file.js';
import { readSnapshot } from './snapshot-file.js';

export type LoadedEstate =
  | { ok: true; built: BuiltGraph; source: string; ingestedAt: string }
  | { ok: false; diagnostics: Diagnostic[] };

export interface LoadEstateOptions extends ReadEstateOptions {
  /**
   * Worker threads that parse, redact and link state files beside the main thread (default 0:
   * none). Opt-in because on two cores it does not pay: the main thread's share (receiving,
   * building the graph) plus the copying between threads costs what the workers save; the
   * benchmark measures it at every size (`pnpm bench`, "ingest with workers").
   */
  workers?: number;
  /** The directory mirrors this S3 bucket (`--bucket`); default: its own name, when a reader names it. */
  bucket?: string;
}

export const MAX_WORKERS = 16;

/** `--estate` takes a directory (ingested) or a snapshot file written by `impact ingest --out`. */
export async function loadEstate(path: string, options: LoadEstateOptions = {}): Promise<LoadedEstate> {
  const info = await stat(path).catch(() => null);
  if (!info)
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'error',
          'estate.missing',
          `no such file or directory: ${path} (the estate is a directory, a snapshot file or an impact server URL)`,
        ),
      ],
    };
  if (info.isDirectory()) return ingestDirectory(path, options);
  if (!info.isFile())
    return {
      ok: false,
      diagnostics: [
        diagnostic('error', 'file.not-regular', `not a directory, nor a snapshot file: ${path}`, {
          file: path,
        }),
      ],
    };
  if (await isStreamingSnapshot(path)) {
    const loaded = await readSnapshot(path);
    if (!loaded.ok) return { ok: false, diagnostics: [loaded.diagnostic] };
    return {
      ok: true,
      built: loaded.built,
      source: loaded.snapshot.source,
      ingestedAt: loaded.snapshot.createdAt,
    };
  }
  // A version 1 snapshot: one JSON document.
  const read = await readRegularFile(path, MAX_FILE_BYTES);
  if (!read.ok)
    return {
      ok: false,
      diagnostics: [
        diagnostic('error', read.code, `cannot read the snapshot: ${read.reason}`, { file: path }),
      ],
    };
  const decoded = decodeText(read.bytes);
  if (!decoded.ok)
    return {
      ok: false,
      diagnostics: [diagnostic('error', 'snapshot.invalid', decoded.reason, { file: path })],
    };
  let json: unknown;
  try {
    json = JSON.parse(decoded.text);
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        diagnostic('error', 'snapshot.invalid', `not valid JSON: ${jsonErrorReason(error)}`, {
          file: path,
        }),
      ],
    };
  }
  const loaded = fromSnapshot(json, path);
  if (!loaded.ok) return { ok: false, diagnostics: [loaded.diagnostic] };
  return {
    ok: true,
    built: loaded.built,
    source: loaded.snapshot.source,
    ingestedAt: loaded.snapshot.createdAt,
  };
}

/**
 * Whether a file is a streamed (NDJSON) snapshot: versions 2 and 4 are; 1 and 3 are one JSON
 * document. An old stream still goes the stream's way, to be refused with its version.
 */
async function isStreamingSnapshot(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64), 0, 64, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const version = /^\{"format":"impact-snapshot","version":(\d+)/.exec(head)?.[1];
    return version === '2' || version === String(STREAM_SNAPSHOT_VERSION);
  } finally {
    await file.close();
  }
}

async function ingestDirectory(root: string, options: LoadEstateOptions): Promise<LoadedEstate> {
  const listing: Diagnostic[] = [];
  const listed = await listManifest(
    root,
    listing,
    options.bucket !== undefined ? { bucket: options.bucket } : {},
  );
  const entries = listed.entries;
  // A manifest that cannot be used leaves nothing to ingest that the user asked for.
  const refused = listing.filter((d) => d.severity === 'error' && d.code.startsWith('manifest.'));
  if (refused.length > 0) return { ok: false, diagnostics: refused };
  const workers = Math.min(MAX_WORKERS, Math.max(0, Math.floor(options.workers ?? 0)));
  let fallback: Diagnostic | null = null;
  if (workers > 0) {
    try {
      const { estate, built } = await ingestInWorkers(root, entries, listing, workers, options);
      return { ok: true, built, source: root, ingestedAt: estate.ingestedAt };
    } catch (error) {
      // The estate is still ingested, in one thread, and the reason is shown with its diagnostics.
      fallback = diagnostic(
        'warning',
        'ingest.workers-failed',
        `parallel ingest failed, so the estate was ingested in one thread: ${(error as Error).message}`,
        { file: root },
      );
    }
  }
  const estate = await readEntries(root, entries, listing, options);
  if (fallback) estate.diagnostics.push(fallback);
  if (!listed.manifest && options.bucket === undefined) mirrorBucketByReaders(root, estate.workspaces);
  return { ok: true, built: buildGraph(estate), source: root, ingestedAt: estate.ingestedAt };
}
