import { emptyEstateMessage, loadEstate } from '@impact/core/node';
import type { FastifyServerOptions } from 'fastify';
import { createApp } from './app.js';
import { DEFAULT_ESTATE } from './default-paths.js';
import { apiError } from './errors.js';
import { createEstateStore } from './estate-store.js';
import { isLoopback } from './is-loopback.js';
import { estateAnalysis } from './views/estate-findings.js';

export interface ServerOptions {
  /** Estate directory or snapshot file; default the repository's `fixtures/estate` (none when packaged). */
  estate?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Bearer token; required to bind beyond loopback. */
  token?: string;
  /** More `Host` names to answer for (`--allowed-host`): `name` for any port, `name:port` for one. */
  allowedHosts?: readonly string[];
  webRoot?: string | null;
  /** Default: JSON lines on stderr for requests that fail with 5xx (register-error-handling); false for none. */
  logger?: FastifyServerOptions['logger'];
  /** Ingest worker threads when the estate is a directory (core's `loadEstate`; default 0). */
  workers?: number;
  /** Requests per IP and window (default 600 a minute; health is never limited). */
  rateLimit?: { max: number; timeWindow: number | string };
}

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/** Loads the estate, then listens. Throws a coded error (TOKEN_REQUIRED, ESTATE_LOAD_FAILED) instead of serving unsafely or empty. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === '' ? undefined : options.token;
  if (!isLoopback(host) && token === undefined)
    throw apiError(
      'TOKEN_REQUIRED',
      `refusing to listen on ${host} without a token: set IMPACT_TOKEN, or bind 127.0.0.1`,
    );
  const workers = options.workers ?? 0;
  const source = options.estate ?? DEFAULT_ESTATE;
  if (source === undefined)
    throw apiError('ESTATE_LOAD_FAILED', 'no estate: pass --estate <dir|snapshot> or set IMPACT_ESTATE');
  const store = createEstateStore({
    source,
    load: (source) => loadEstate(source, { workers }),
    // Findings and secret consumer counts are worked out in the background, between requests,
    // so the dashboard's first visit to them does not wait (seconds on a million resources).
    onLoaded: ({ built }) => {
      estateAnalysis(built.graph).catch(() => {});
    },
  });
  if (!(await store.ingest())) {
    const reason = store.status().lastError ?? 'unknown reason';
    // An empty estate is said in the same words by every command.
    throw apiError(
      'ESTATE_LOAD_FAILED',
      reason.startsWith(emptyEstateMessage(store.source))
        ? reason
        : `cannot load the estate at ${store.source}: ${reason}`,
    );
  }
  const app = createApp({
    store,
    ...(token !== undefined ? { token } : {}),
    ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
    logger: options.logger ?? { level: 'error', stream: process.stderr },
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    hosts: { bind: host, extra: options.allowedHosts ?? [] },
  });
  await app.listen({ host, port: options.port ?? 7300 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 7300);
  const shown = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${port}`, close: () => app.close() };
}
