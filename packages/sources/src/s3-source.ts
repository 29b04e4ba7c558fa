import { GetObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { type SourceEntry, SourceError, type StateSource, s3State } from '@impact/core/node';
import { networkCode, type RetryOptions, retryAfterMs, withRetry } from './retry.js';

export interface S3SourceOptions {
  bucket: string;
  prefix: string;
  name: string;
  /** The backend's `workspace_key_prefix` (default `env:`). */
  workspaceKeyPrefix?: string;
  /** When neither the standard chain nor `AWS_REGION` gives one. */
  region?: string;
  env?: NodeJS.ProcessEnv;
  retry?: RetryOptions;
}

/**
 * An S3 bucket (`s3://bucket[/prefix]`) through the official AWS SDK v3 client: the standard
 * credential chain and region; `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL` honoured, with path-style
 * addressing whenever a custom endpoint is set (as the s3 backend's `use_path_style`). The SDK's
 * own retries are off: throttling is retried here, with the same backoff for every source.
 */
export function createS3Source(options: S3SourceOptions): StateSource {
  // The client is pinned to a release that runs on Node 20 (package.json): its notice that later
  // releases will need Node 22 concerns releases impact does not use. Its documented opt-out:
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const env = options.env ?? process.env;
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  const region = options.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined);
  const config: S3ClientConfig = {
    maxAttempts: 1,
    followRegionRedirects: true,
    // Uploads of checksums this client never makes; and S3-compatible stores do not all send them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(region ? { region } : endpoint ? { region: 'us-east-1' } : {}),
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  };
  const client = new S3Client(config);
  const { bucket, name } = options;
  const wkp = (options.workspaceKeyPrefix ?? 'env:').replace(/^\/+|\/+$/g, '');
  const prefix = options.prefix.replace(/^\/+|\/+$/g, '');
  const call = <T>(what: string, f: () => Promise<T>, signal?: AbortSignal) =>
    withRetry(name, what, f, transient, (e) => classify(name, what, e), options.retry, signal);

  const listPrefix = async (listed: string | undefined, signal?: AbortSignal): Promise<SourceEntry[]> => {
    const out: SourceEntry[] = [];
    let token: string | undefined;
    do {
      const page = await call(
        'listing the bucket',
        () =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              ...(listed ? { Prefix: listed } : {}),
              ...(token ? { ContinuationToken: token } : {}),
            }),
            { abortSignal: signal },
          ),
        signal,
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        const keyed = s3State(bucket, prefix, object.Key, wkp);
        if (!keyed) continue;
        out.push({
          key: object.Key,
          ...keyed,
          version: object.ETag
            ? object.ETag.replace(/"/g, '')
            : `${object.Size}@${object.LastModified?.toISOString()}`,
          ...(object.Size !== undefined ? { size: object.Size } : {}),
          ...(object.LastModified ? { updated: object.LastModified.toISOString() } : {}),
        });
      }
      if (page.IsTruncated && !page.NextContinuationToken)
        throw new SourceError(name, 'partial', 'the listing was cut short without a continuation token');
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  };

  return {
    kind: 's3',
    name,
    async list(signal) {
      if (prefix === '') return sortByKey(await listPrefix(undefined, signal));
      // Other workspaces of a configuration below the prefix live under <workspace_key_prefix>/ at the root.
      const own = await listPrefix(`${prefix}/`, signal);
      const others = wkp === '' ? [] : await listPrefix(`${wkp}/`, signal);
      return sortByKey([...own, ...others]);
    },
    async read(entry, maxBytes, signal) {
      if (entry.size !== undefined && entry.size > maxBytes) throw tooLarge(name, entry, maxBytes);
      return call(
        `reading ${entry.key}`,
        async () => {
          const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: entry.key }), {
            abortSignal: signal,
          });
          if ((got.ContentLength ?? 0) > maxBytes) throw tooLarge(name, entry, maxBytes);
          const bytes = (await got.Body?.transformToByteArray()) ?? new Uint8Array(0);
          if (bytes.length > maxBytes) throw tooLarge(name, entry, maxBytes);
          return bytes;
        },
        signal,
      );
    },
  };
}

function sortByKey(entries: SourceEntry[]): SourceEntry[] {
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function tooLarge(source: string, entry: SourceEntry, maxBytes: number): SourceError {
  return new SourceError(source, 'too-large', `${entry.key} is larger than ${maxBytes} bytes`);
}

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string> };
}

const THROTTLED = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

function transient(error: unknown): { retryAfterMs?: number } | null {
  const e = error as SdkError;
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLED.has(e.name ?? '') || status === 429 || status === 503) {
    const after = retryAfterMs(e.$response?.headers?.['retry-after']);
    return after !== undefined ? { retryAfterMs: after } : {};
  }
  return null;
}

/** The SDK's error, in words that name the failure and never a credential. */
function classify(source: string, what: string, error: unknown): SourceError {
  const e = error as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const code = e.name ?? 'Error';
  const net = networkCode(error);
  if (net || code === 'TimeoutError')
    return new SourceError(source, 'unreachable', `${what}: the endpoint did not answer (${net ?? code})`);
  if (code === 'CredentialsProviderError')
    return new SourceError(
      source,
      'denied',
      `${what}: no AWS credentials found (the standard chain: environment, profile, SSO, instance role)`,
    );
  if (
    status === 401 ||
    status === 403 ||
    /AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|ExpiredToken|InvalidToken/.test(code)
  )
    return new SourceError(
      source,
      'denied',
      `${what}: access denied (${code}${status ? `, HTTP ${status}` : ''})`,
    );
  if (code === 'NoSuchBucket' || code === 'NoSuchKey' || status === 404)
    return new SourceError(
      source,
      'not-found',
      `${what}: ${code === 'NoSuchKey' ? 'no such object' : 'no such bucket'} (HTTP ${status ?? 404})`,
    );
  if (/Region is missing/i.test(e.message ?? ''))
    return new SourceError(
      source,
      'invalid',
      `${what}: no AWS region: set AWS_REGION (or region: in impact.yaml)`,
    );
  return new SourceError(source, 'invalid', `${what}: ${code}${status ? ` (HTTP ${status})` : ''}`);
}
