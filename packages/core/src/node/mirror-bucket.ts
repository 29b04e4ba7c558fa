import { basename, resolve } from 'node:path';
import { unwrapDynamic } from '../graph/extract-workspace.js';
import type { WorkspaceModel } from '../model/estate.js';
import type { Value } from '../model/workspace.js';

/**
 * A directory with no manifest that a `terraform_remote_state` reader names as its S3 bucket
 * (`aws s3 sync s3://acme-tfstate ./acme-tfstate`) mirrors that bucket: each state without a
 * backend of its own is the object at its path, so the readers resolve by key. Returns the
 * bucket when it applied.
 */
export function mirrorBucketByReaders(root: string, workspaces: readonly WorkspaceModel[]): string | null {
  const bucket = basename(resolve(root));
  if (!readsBucket(workspaces, bucket)) return null;
  mirrorBucket(bucket, workspaces);
  return bucket;
}

/** Gives each workspace whose state has no backend of its own the address `s3://<bucket>/<its path>`. */
export function mirrorBucket(bucket: string, workspaces: readonly WorkspaceModel[]): void {
  for (const ws of workspaces) {
    if (ws.stateFile && ws.backend === `local://${ws.stateFile}` && !ws.config?.backend)
      ws.backend = `s3://${bucket}/${ws.stateFile}`;
  }
}

function readsBucket(workspaces: readonly WorkspaceModel[], bucket: string): boolean {
  for (const ws of workspaces) {
    for (const r of ws.state?.resources ?? []) {
      if (r.mode !== 'data' || r.type !== 'terraform_remote_state') continue;
      const config = unwrapDynamic(r.attributes.config) as Record<string, Value>;
      if (r.attributes.backend === 's3' && config.bucket === bucket) return true;
    }
  }
  return false;
}
