import { formatLocation, type SourceLocation, type StateSource } from '@impact/core/node';
import type { RetryOptions } from './retry.js';

export interface SourceOptions {
  /** Defaults to `process.env`: credentials, endpoints and tokens are read from it. */
  env?: NodeJS.ProcessEnv;
  retry?: RetryOptions;
  /** S3: the backend's `workspace_key_prefix` (default `env:`). */
  workspaceKeyPrefix?: string;
  /** S3: the region, when the standard chain gives none. */
  region?: string;
}

/**
 * The source a location names. Each cloud client is loaded only when its source is used, so a
 * command over a directory never pays for them.
 */
export async function createStateSource(
  location: SourceLocation,
  options: SourceOptions = {},
): Promise<StateSource> {
  const name = formatLocation(location);
  const common = {
    name,
    ...(options.env ? { env: options.env } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  };
  switch (location.kind) {
    case 's3': {
      const { createS3Source } = await import('./s3-source.js');
      return createS3Source({
        ...common,
        bucket: location.bucket,
        prefix: location.prefix,
        ...(options.workspaceKeyPrefix !== undefined
          ? { workspaceKeyPrefix: options.workspaceKeyPrefix }
          : {}),
        ...(options.region !== undefined ? { region: options.region } : {}),
      });
    }
    case 'gcs': {
      const { createGcsSource } = await import('./gcs-source.js');
      return createGcsSource({ ...common, bucket: location.bucket, prefix: location.prefix });
    }
    case 'azblob': {
      const { createAzureBlobSource } = await import('./azure-blob-source.js');
      return createAzureBlobSource({
        ...common,
        account: location.account,
        container: location.container,
        prefix: location.prefix,
      });
    }
    case 'tfc': {
      const { createTfcSource } = await import('./tfc-source.js');
      return createTfcSource({
        ...common,
        host: location.host,
        organization: location.organization,
        glob: location.glob,
        insecure: location.insecure,
      });
    }
  }
}
