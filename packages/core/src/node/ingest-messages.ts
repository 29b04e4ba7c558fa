import type { WorkspaceFacts } from '../graph/workspace-facts.js';
import type { ManifestEntry, StatePart } from './read-estate.js';

/** What the main thread asks an ingest worker. */
export type ToWorker =
  /** Read, parse and redact one state file and extract its facts; keep it (`file` is its place in the estate). */
  | { type: 'read'; file: number; entry: ManifestEntry }
  /**
   * Run the per-workspace linkers over the kept files against the estate's identity index
   * (`v8.serialize`d once for every worker).
   */
  | { type: 'link'; index: Uint8Array; files: LinkRequest[] };

/** One kept file to link: which resources got no node (repeats), and what the main thread knows of it. */
export interface LinkRequest {
  file: number;
  skipped: number[];
  hasConfig: boolean;
  /** Remote-state reader id → outputs its producer marks sensitive: redacted from its copy first. */
  sensitiveCopies: [string, string[]][];
}

/** What an ingest worker answers. */
export type FromWorker =
  /** A state file read: `json` is a {@link ReadResult}. */
  | { type: 'read'; file: number; json: string }
  /** The evidence of each file: `json` is a {@link LinkResult}. */
  | { type: 'linked'; files: { file: number; json: string }[] }
  | { type: 'failed'; reason: string };

/**
 * A state file read: its state without resources or outputs (the main thread links from the
 * facts), and its facts.
 */
export interface ReadResult {
  part: StatePart;
  facts: WorkspaceFacts | null;
}

/** A file's evidence, by linker name, as {@link RecordingSink} ops (an absent string written as null). */
export type LinkResult = Record<string, unknown[]>;
