import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { azureState, type SourceEntry, SourceError, type StateSource } from '@impact/core/node';
import { networkCode, type RetryOptions, retryAfterMs, withRetry } from './retry.js';

export interface AzureBlobSourceOptions {
  account: string;
  container: string;
  prefix: string;
  name: string;
  env?: NodeJS.ProcessEnv;
  retry?: RetryOptions;
}

/**
 * An Azure Blob container (`azblob://account/container[/prefix]`) through the official client:
 * `AZURE_STORAGE_CONNECTION_STRING` when set (Azurite, a SAS), else the account key the azurerm
 * backend reads (`ARM_ACCESS_KEY`, `AZURE_STORAGE_KEY`), else `DefaultAzureCredential`. The
 * backend's `<key>env:<workspace>` blobs are that workspace of `<key>`.
 */
export function createAzureBlobSource(options: AzureBlobSourceOptions): StateSource {
  const env = options.env ?? process.env;
  const { name } = options;
  const prefix = options.prefix.replace(/^\/+|\/+$/g, '');
  const pipeline = { retryOptions: { maxTries: 1 } };
  const url = `https://${options.account}.blob.core.windows.net`;
  const key = env.ARM_ACCESS_KEY || env.AZURE_STORAGE_KEY;
  const service = env.AZURE_STORAGE_CONNECTION_STRING
    ? BlobServiceClient.fromConnectionString(env.AZURE_STORAGE_CONNECTION_STRING, pipeline)
    : key
      ? new BlobServiceClient(url, new StorageSharedKeyCredential(options.account, key), pipeline)
      : new BlobServiceClient(url, new DefaultAzureCredential(), pipeline);
  const container: ContainerClient = service.getContainerClient(options.container);
  const call = <T>(what: string, f: () => Promise<T>, signal?: AbortSignal) =>
    withRetry(name, what, f, transient, (e) => classify(name, what, e), options.retry, signal);

  return {
    kind: 'azblob',
    name,
    async list(signal) {
      const out: SourceEntry[] = [];
      const pages = container
        .listBlobsFlat({ ...(prefix ? { prefix: `${prefix}/` } : {}), abortSignal: signal })
        .byPage({ maxPageSize: 1000 });
      for (;;) {
        const page = await call('listing the container', () => pages.next(), signal);
        if (page.done) break;
        for (const blob of page.value.segment.blobItems) {
          const keyed = azureState(options.account, options.container, prefix, blob.name);
          if (!keyed) continue;
          const p = blob.properties;
          out.push({
            key: blob.name,
            ...keyed,
            version: p.etag
              ? p.etag.replace(/"/g, '')
              : `${p.contentLength}@${p.lastModified?.toISOString()}`,
            ...(p.contentLength !== undefined ? { size: p.contentLength } : {}),
            ...(p.lastModified ? { updated: p.lastModified.toISOString() } : {}),
          });
        }
      }
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async read(entry, maxBytes, signal) {
      if (entry.size !== undefined && entry.size > maxBytes)
        throw new SourceError(name, 'too-large', `${entry.key} is larger than ${maxBytes} bytes`);
      const blob = container.getBlobClient(entry.key);
      const bytes = await call(
        `reading ${entry.key}`,
        () => blob.downloadToBuffer(0, undefined, { abortSignal: signal, maxRetryRequestsPerBlock: 0 }),
        signal,
      );
      if (bytes.length > maxBytes)
        throw new SourceError(name, 'too-large', `${entry.key} is larger than ${maxBytes} bytes`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    },
  };
}

interface RestError {
  name?: string;
  code?: string;
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined } };
}

function transient(error: unknown): { retryAfterMs?: number } | null {
  const e = error as RestError;
  if (e.statusCode === 429 || e.statusCode === 503 || e.code === 'ServerBusy') {
    const after = retryAfterMs(e.response?.headers?.get('retry-after'));
    return after !== undefined ? { retryAfterMs: after } : {};
  }
  return null;
}

function classify(source: string, what: string, error: unknown): SourceError {
  const e = error as RestError;
  const net = networkCode(error);
  if (net) return new SourceError(source, 'unreachable', `${what}: the endpoint did not answer (${net})`);
  if (
    e.name === 'CredentialUnavailableError' ||
    e.name === 'AuthenticationError' ||
    e.name === 'AggregateAuthenticationError'
  )
    return new SourceError(
      source,
      'denied',
      `${what}: no usable Azure credentials (connection string, account key or DefaultAzureCredential)`,
    );
  if (e.statusCode === 401 || e.statusCode === 403)
    return new SourceError(source, 'denied', `${what}: access denied (${e.code ?? 'HTTP'} ${e.statusCode})`);
  if (e.statusCode === 404)
    return new SourceError(
      source,
      'not-found',
      `${what}: ${e.code === 'ContainerNotFound' ? 'no such container' : 'not found'} (HTTP 404)`,
    );
  return new SourceError(
    source,
    'invalid',
    `${what}: ${e.code ?? e.name ?? 'failed'}${e.statusCode ? ` (HTTP ${e.statusCode})` : ''}`,
  );
}
