import type { ResourceFacts } from '../graph/build-graph.js';
import type { ManifestEntry, StatePart } from './read-estate.js';

/** What the main thread asks an ingest worker. */
export type ToWorker =
  /** Read, parse and redact one state file; keep it (`file` is its place in the estate). */
  | { type: 'read'; file: number; entry: ManifestEntry }
  /**
   * Link the kept files' attribute references and policies against the estate's identity index
   * (`v8.serialize`d once for every worker); `skipped` are resources that got no node (repeats).
   */
  | { type: 'link'; index: Uint8Array; files: { file: number; skipped: number[] }[] };

/** What an ingest worker answers. */
export type FromWorker =
  /** A state file read: `json` is a {@link ReadResult}. */
  | { type: 'read'; file: number; json: string }
  /** The evidence of each file: `json` is a {@link LinkResult}. */
  | { type: 'linked'; files: { file: number; json: string }[] }
  | { type: 'failed'; reason: string };

/** A state file read: its state slimmed to what the main thread links, and its node facts. */
export interface ReadResult {
  part: StatePart;
  facts: ResourceFacts[];
}

/** A file's evidence, as {@link RecordingSink} ops (an absent evidence string written as null). */
export interface LinkResult {
  references: unknown[];
  policies: unknown[];
}
