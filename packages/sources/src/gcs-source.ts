import { type File, Storage, type StorageOptions } from '@google-cloud/storage';
import { gcsState, type SourceEntry, SourceError, type StateSource } from '@impact/core/node';
import { networkCode, type RetryOptions, withRetry } from './retry.js';

export interface GcsSourceOptions {
  bucket: string;
  prefix: string;
  name: string;
  env?: NodeJS.ProcessEnv;
  retry?: RetryOptions;
}

/**
 * A GCS bucket (`gs://bucket[/prefix]`) through the official client: application default
 * credentials, `STORAGE_EMULATOR_HOST` honoured (the client then talks to it without auth). A
 * state's version is its object generation, and that generation is what is read.
 */
export function createGcsSource(options: GcsSourceOptions): StateSource {
  const env = options.env ?? process.env;
  const emulator = env.STORAGE_EMULATOR_HOST;
  const config: StorageOptions = {
    retryOptions: { autoRetry: false },
    ...(emulator ? { apiEndpoint: emulator.startsWith('http') ? emulator : `http://${emulator}` } : {}),
  };
  const storage = new Storage(config);
  const bucket = storage.bucket(options.bucket);
  const { name } = options;
  const prefix = options.prefix.replace(/^\/+|\/+$/g, '');
  const call = <T>(what: string, f: () => Promise<T>, signal?: AbortSignal) =>
    withRetry(name, what, f, transient, (e) => classify(name, what, e), options.retry, signal);

  return {
    kind: 'gcs',
    name,
    async list(signal) {
      const out: SourceEntry[] = [];
      let pageToken: string | undefined;
      do {
        const [files, next] = await call(
          'listing the bucket',
          () =>
            bucket.getFiles({
              autoPaginate: false,
              maxResults: 1000,
              ...(prefix ? { prefix: `${prefix}/` } : {}),
              ...(pageToken ? { pageToken } : {}),
            }),
          signal,
        );
        for (const file of files) {
          const keyed = gcsState(options.bucket, prefix, file.name);
          if (!keyed) continue;
          const meta = file.metadata;
          const size = meta.size === undefined ? undefined : Number(meta.size);
          out.push({
            key: file.name,
            ...keyed,
            version: String(meta.generation ?? `${meta.size}@${meta.updated}`),
            ...(size !== undefined && Number.isFinite(size) ? { size } : {}),
            ...(typeof meta.updated === 'string' ? { updated: meta.updated } : {}),
          });
        }
        pageToken = (next as { pageToken?: string } | null | undefined)?.pageToken;
      } while (pageToken);
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async read(entry, maxBytes, signal) {
      if (entry.size !== undefined && entry.size > maxBytes)
        throw new SourceError(name, 'too-large', `${entry.key} is larger than ${maxBytes} bytes`);
      const generation = /^\d+$/.test(entry.version) ? Number(entry.version) : undefined;
      const file: File = bucket.file(entry.key, generation !== undefined ? { generation } : {});
      const [bytes] = await call(`reading ${entry.key}`, () => file.download({ validation: false }), signal);
      if (bytes.length > maxBytes)
        throw new SourceError(name, 'too-large', `${entry.key} is larger than ${maxBytes} bytes`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    },
  };
}

interface ApiError {
  code?: number | string;
  response?: { headers?: Record<string, string> | Headers };
}

function statusOf(error: unknown): number | undefined {
  const code = (error as ApiError).code;
  return typeof code === 'number' ? code : undefined;
}

function transient(error: unknown): { retryAfterMs?: number } | null {
  const status = statusOf(error);
  return status === 429 || status === 503 ? {} : null;
}

function classify(source: string, what: string, error: unknown): SourceError {
  const status = statusOf(error);
  const net = networkCode(error);
  if (net) return new SourceError(source, 'unreachable', `${what}: the endpoint did not answer (${net})`);
  if (status === 401 || status === 403)
    return new SourceError(source, 'denied', `${what}: access denied (HTTP ${status})`);
  if (status === 404)
    return new SourceError(source, 'not-found', `${what}: no such bucket or object (HTTP 404)`);
  if (error instanceof Error && /Could not load the default credentials|credentials/i.test(error.message))
    return new SourceError(
      source,
      'denied',
      `${what}: no Google credentials found (application default credentials)`,
    );
  return new SourceError(
    source,
    'invalid',
    `${what}: ${status ? `HTTP ${status}` : error instanceof Error ? error.name : 'failed'}`,
  );
}
