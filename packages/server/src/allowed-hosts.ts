import { isLoopback } from './is-loopback.js';

/** Which `Host` header values (and `Origin` hosts) a server answers, or null for any. */
export interface HostPolicy {
  allows(host: string | undefined): boolean;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The hosts a server bound to `bind`:`port` answers for. A loopback bind answers `localhost`,
 * `127.0.0.1` and `[::1]` at its port (and the bound name), so a page on a rebound DNS name
 * (`evil.example` resolving to 127.0.0.1) gets nothing; `extra` (`--allowed-host`) adds names,
 * `name` for any port or `name:port` for one. A non-loopback bind needs a token, which a rebound
 * page cannot send: there, hosts are checked only when `extra` names some (a proxy's name).
 */
export function allowedHosts(bind: string, port: number, extra: readonly string[]): HostPolicy | null {
  if (!isLoopback(bind) && extra.length === 0) return null;
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  const bound = bracketed(bind.toLowerCase());
  for (const name of [...LOOPBACK_NAMES, ...(isWildcard(bound) ? [] : [bound])]) exact.add(`${name}:${port}`);
  for (const entry of extra) {
    const { name, port: p } = splitHost(entry.trim().toLowerCase());
    if (name === '') continue;
    if (p === undefined) anyPort.add(name);
    else exact.add(`${name}:${p}`);
  }
  return {
    allows(host) {
      if (host === undefined) return false;
      const { name, port: p } = splitHost(host.toLowerCase());
      return anyPort.has(name) || exact.has(`${name}:${p ?? '80'}`);
    },
  };
}

/** `name[:port]`, an IPv6 literal in brackets (`[::1]:7300`). */
export function splitHost(host: string): { name: string; port?: string } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  if (!m) return { name: host };
  return m[2] === undefined ? { name: m[1] as string } : { name: m[1] as string, port: m[2] };
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '[::]';
}
