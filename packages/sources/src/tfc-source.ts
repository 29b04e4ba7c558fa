import { type SourceEntry, SourceError, type StateSource, TFC_HOST, tfcState } from '@impact/core/node';
import { networkCode, type RetryOptions, retryAfterMs, withRetry } from './retry.js';
import { terraformToken, tokenVariable } from './terraform-token.js';

export interface TfcSourceOptions {
  host: string;
  organization: string;
  /** Workspaces whose name matches (`*` any run of characters, `?` one). */
  glob: string;
  /** `tfe+http://`: plain HTTP, for a loopback mirror or a test. */
  insecure: boolean;
  name: string;
  env?: NodeJS.ProcessEnv;
  retry?: RetryOptions;
}

const PAGE_SIZE = 100;
const JSON_API = 'application/vnd.api+json';

interface Resource {
  id: string;
  type: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data?: { id?: string; type?: string } | null }>;
  links?: Record<string, string>;
}

interface Document {
  data?: Resource | Resource[];
  meta?: { pagination?: { 'next-page'?: number | null; 'total-count'?: number } };
  links?: { next?: string | null };
}

/**
 * HCP Terraform (`tfc://organization[/glob]`) or Terraform Enterprise (`tfe://host/organization`)
 * over its JSON:API: the organization's workspaces, page by page, and each one's current state
 * version (its id is the version). The token is the host's, as Terraform reads it. `remote` and
 * `cloud` backends (`remote://org/workspace`) resolve to these workspaces.
 */
export function createTfcSource(options: TfcSourceOptions): StateSource {
  const env = options.env ?? process.env;
  const { name, host, organization } = options;
  const base = `${options.insecure ? 'http' : 'https'}://${host}`;
  const match = globRegExp(options.glob);
  const token = () => {
    const t = terraformToken(host, env);
    if (!t)
      throw new SourceError(
        name,
        'denied',
        `no API token for ${host}: set ${tokenVariable(host)} (or run terraform login)`,
      );
    return t;
  };

  /** One GET, retried while throttled; the token goes only to the API's own host. */
  const get = (url: string, what: string, signal?: AbortSignal, accept = JSON_API): Promise<Response> =>
    withRetry(
      name,
      what,
      async () => {
        const target = new URL(url, base);
        const sameHost = target.host === new URL(base).host;
        const response = await fetch(target, {
          headers: { accept, ...(sameHost ? { authorization: `Bearer ${token()}` } : {}) },
          redirect: 'follow',
          ...(signal ? { signal } : {}),
        });
        if (response.ok) return response;
        await response.body?.cancel();
        throw new HttpError(response.status, retryAfterMs(response.headers.get('retry-after')));
      },
      (e) =>
        e instanceof HttpError && (e.status === 429 || e.status === 503)
          ? { ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) }
          : null,
      (e) => classify(name, what, e),
      options.retry,
      signal,
    );

  const json = async (url: string, what: string, signal?: AbortSignal): Promise<Document> => {
    const response = await get(url, what, signal);
    try {
      return (await response.json()) as Document;
    } catch {
      throw new SourceError(name, 'invalid', `${what}: the answer is not JSON`);
    }
  };

  return {
    kind: 'tfc',
    name,
    async list(signal) {
      const out: SourceEntry[] = [];
      let url: string | null =
        `/api/v2/organizations/${encodeURIComponent(organization)}/workspaces?page%5Bsize%5D=${PAGE_SIZE}&page%5Bnumber%5D=1`;
      let seen = 0;
      let total: number | undefined;
      for (let page = 1; url !== null; page++) {
        const doc = await json(url, 'listing the workspaces', signal);
        if (!Array.isArray(doc.data))
          throw new SourceError(name, 'invalid', 'listing the workspaces: no data list in the answer');
        seen += doc.data.length;
        total = doc.meta?.pagination?.['total-count'] ?? total;
        for (const ws of doc.data) {
          const wsName = ws.attributes?.name;
          if (typeof wsName !== 'string' || !match.test(wsName)) continue;
          let version = ws.relationships?.['current-state-version']?.data?.id;
          if (version === undefined) {
            // Older Terraform Enterprise lists no relationship: ask for the workspace's current state version.
            version = (await currentVersion(ws.id, signal))?.id;
          }
          if (!version) continue; // no state yet
          out.push({ key: ws.id, ...tfcState(host, organization, wsName, host === TFC_HOST), version });
        }
        const nextPage = doc.meta?.pagination?.['next-page'];
        url =
          doc.links?.next ??
          (nextPage ? url.replace(/page%5Bnumber%5D=\d+/, `page%5Bnumber%5D=${nextPage}`) : null);
        if (page > 10_000)
          throw new SourceError(name, 'invalid', 'listing the workspaces: the pages do not end');
      }
      if (total !== undefined && seen < total)
        throw new SourceError(name, 'partial', `listing the workspaces: ${seen} of ${total} came back`);
      return out.sort((a, b) => (a.workspace < b.workspace ? -1 : a.workspace > b.workspace ? 1 : 0));
    },
    async read(entry, maxBytes, signal) {
      const current = await currentVersion(entry.key, signal);
      const download = current?.url;
      if (!download)
        throw new SourceError(name, 'not-found', `${entry.workspace} has no current state to download`);
      const response = await get(
        download,
        `downloading the state of ${entry.workspace}`,
        signal,
        'application/json',
      );
      const length = Number(response.headers.get('content-length') ?? '0');
      if (length > maxBytes) {
        await response.body?.cancel();
        throw new SourceError(
          name,
          'too-large',
          `the state of ${entry.workspace} is larger than ${maxBytes} bytes`,
        );
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > maxBytes)
        throw new SourceError(
          name,
          'too-large',
          `the state of ${entry.workspace} is larger than ${maxBytes} bytes`,
        );
      return bytes;
    },
  };

  async function currentVersion(
    workspaceId: string,
    signal?: AbortSignal,
  ): Promise<{ id: string; url?: string } | null> {
    try {
      const doc = await json(
        `/api/v2/workspaces/${encodeURIComponent(workspaceId)}/current-state-version`,
        'reading the current state version',
        signal,
      );
      const data = Array.isArray(doc.data) ? doc.data[0] : doc.data;
      if (!data?.id) return null;
      const url = data.attributes?.['hosted-state-download-url'] ?? data.links?.download;
      return { id: data.id, ...(typeof url === 'string' ? { url } : {}) };
    } catch (error) {
      if (error instanceof SourceError && error.failure === 'not-found') return null;
      throw error;
    }
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}`);
  }
}

function classify(source: string, what: string, error: unknown): SourceError {
  const net = networkCode(error);
  if (net) return new SourceError(source, 'unreachable', `${what}: the host did not answer (${net})`);
  if (error instanceof HttpError) {
    if (error.status === 401)
      return new SourceError(source, 'denied', `${what}: the token was refused (HTTP 401)`);
    if (error.status === 403)
      return new SourceError(source, 'denied', `${what}: the token may not read this (HTTP 403)`);
    if (error.status === 404)
      return new SourceError(
        source,
        'not-found',
        `${what}: not found, or not visible to this token (HTTP 404)`,
      );
    return new SourceError(source, 'invalid', `${what}: HTTP ${error.status}`);
  }
  if (error instanceof Error && error.name === 'AbortError')
    return new SourceError(source, 'unreachable', `${what}: aborted`);
  return new SourceError(
    source,
    'unreachable',
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function globRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}
