import type { HostPolicy } from './allowed-hosts.js';
import type { App } from './app-types.js';
import { apiError } from './errors.js';

/** Methods that only read: a cross-site page may trigger them, but cannot read their answer (no CORS). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * DNS rebinding and cross-site writes. A `Host` the server does not answer for is refused
 * (a page on a rebound name would otherwise read the graph); a request that changes state and
 * carries an `Origin` must come from this server's own origin or an allowed host.
 * `policy` is read per request: the port is known only once the server listens.
 */
export function registerHostChecks(app: App, policy: () => HostPolicy | null): void {
  app.addHook('onRequest', async (request) => {
    const hosts = policy();
    if (hosts && !hosts.allows(request.headers.host))
      throw apiError(
        'HOST_NOT_ALLOWED',
        'this server does not answer for the host in the Host header; add it with --allowed-host',
      );
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !fromAllowedOrigin(origin, request.headers.host, hosts))
      throw apiError(
        'ORIGIN_NOT_ALLOWED',
        'a request that changes state must come from this server’s own pages, and the Origin header names another site',
      );
  });
}

function fromAllowedOrigin(origin: string, host: string | undefined, hosts: HostPolicy | null): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // `null` (a sandboxed frame, a file) included
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const from = url.host.toLowerCase();
  return from === host?.toLowerCase() || (hosts?.allows(from) ?? false);
}
