import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { BuiltGraph } from '../graph/build-graph.js';
import { fromSnapshotLines, type LoadedSnapshot, snapshotLines } from '../graph/snapshot.js';

/** Writes a streaming (NDJSON) snapshot, line by line, honouring back-pressure. */
export async function writeSnapshot(file: string, built: BuiltGraph, source: string): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => {
    throw error;
  });
  const write = async () => {
    for (const line of snapshotLines(built, source)) {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  };
  await Promise.race([write(), failed]);
}

/** Reads a streaming snapshot without ever holding the whole file as one string. */
export async function readSnapshot(file: string): Promise<LoadedSnapshot> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  return fromSnapshotLines(lines, file);
}
