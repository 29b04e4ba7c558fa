import { open, readFile, stat } from 'node:fs/promises';
import { type BuiltGraph, buildGraph } from '../graph/build-graph.js';
import { fromSnapshot } from '../graph/snapshot.js';
import { decodeText } from '../ingest/decode-text.js';
import { jsonErrorReason } from '../ingest/json-error-reason.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import { type ReadEstateOptions, readEstate } from './read-estate.js';
import { readSnapshot } from './snapshot-file.js';

export type LoadedEstate =
  | { ok: true; built: BuiltGraph; source: string; ingestedAt: string }
  | { ok: false; diagnostics: Diagnostic[] };

/** `--estate` takes a directory (ingested) or a snapshot file written by `impact ingest --out`. */
export async function loadEstate(path: string, options: ReadEstateOptions = {}): Promise<LoadedEstate> {
  const info = await stat(path).catch(() => null);
  if (!info)
    return {
      ok: false,
      diagnostics: [diagnostic('error', 'estate.missing', `estate not found: ${path}`, { file: path })],
    };
  if (info.isDirectory()) {
    const estate = await readEstate(path, options);
    return { ok: true, built: buildGraph(estate), source: path, ingestedAt: estate.ingestedAt };
  }
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
  const bytes = await readFile(path);
  const decoded = decodeText(bytes);
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

async function isStreamingSnapshot(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64), 0, 64, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .startsWith('{"format":"impact-snapshot","version":2');
  } finally {
    await file.close();
  }
}
