/**
 * Where states live (DESIGN.md, "Ingest shape"): a source lists its states with a version each
 * and reads one on demand. A directory is one; an S3, GCS or Azure Blob bucket and HCP Terraform
 * (or Terraform Enterprise) are others (`@impact/sources`).
 */

/** One state a source holds, as its listing tells it (no content). */
export interface SourceEntry {
  /** The source's own key: an object key, a workspace id, a path below the directory. */
  key: string;
  /** The workspace it is, as the estate names it (`platform/secrets`, `app@staging`). */
  workspace: string;
  /**
   * Changes whenever the content does: an ETag, a generation, a state version id, else serial +
   * lineage, else size + mtime. Equal versions are not read again.
   */
  version: string;
  /**
   * Where Terraform keeps this state, in backend.ts's canonical form (`s3://bucket/key`,
   * `gcs://…`, `azurerm://…`, `remote://org/ws`), when the source knows it exactly: then
   * `terraform_remote_state` readers of it resolve with no manifest.
   */
  backend?: string;
  /** How reports and diagnostics name the state: the path it has in a mirror of the source (`<bucket>/<key>`). */
  file: string;
  /** Bytes, when the listing says. */
  size?: number;
  /** When it last changed (ISO 8601), when the listing says. */
  updated?: string;
}

export const SourceFailure = {
  /** Nothing answered (DNS, connection refused, a timeout). */
  unreachable: 'unreachable',
  /** The credentials were refused (401, 403) or are missing. */
  denied: 'denied',
  /** Still throttled (429, 503 SlowDown) after the retries. */
  throttled: 'throttled',
  /** The listing ended early or did not add up: taken as a whole, it would drop workspaces. */
  partial: 'partial',
  /** The bucket, container, organization or object does not exist. */
  notFound: 'not-found',
  /** An answer that is not what the protocol promises. */
  invalid: 'invalid',
  /** A state larger than the limit. */
  tooLarge: 'too-large',
} as const;
export type SourceFailure = (typeof SourceFailure)[keyof typeof SourceFailure];

/**
 * A source that cannot be read now. Its message names the source and the reason and never a
 * credential or a value; ingest keeps the last good graph rather than take a smaller one.
 */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    readonly failure: SourceFailure,
    reason: string,
  ) {
    super(`${source}: ${reason}`);
    this.name = 'SourceError';
  }
}

export interface StateSource {
  /** `directory`, `s3`, `gcs`, `azblob`, `tfc` (HCP Terraform and Terraform Enterprise). */
  readonly kind: string;
  /** How the user named it: a directory path, `s3://bucket/prefix`, `tfc://org`. */
  readonly name: string;
  /** Every state, complete, or a {@link SourceError}: never a part of the listing taken as the whole. */
  list(signal?: AbortSignal): Promise<SourceEntry[]>;
  /** One state's bytes (at most `maxBytes`), or a {@link SourceError}. */
  read(entry: SourceEntry, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array>;
}
