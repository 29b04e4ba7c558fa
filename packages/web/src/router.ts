import { useSyncExternalStore } from 'react';

// A tiny router on the History API: the URL is the only navigation state, so every page survives reload.

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
  if (!options.replace) window.scrollTo?.(0, 0);
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://local');
  return { path: url.pathname, query: url.searchParams };
}

/** Sets (or, with undefined, removes) query parameters on the current URL without a new history entry. */
export function setQuery(params: Record<string, string | undefined>): void {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  navigate(url.pathname + url.search, { replace: true });
}

export function nodeHref(id: string, action?: string): string {
  return `/node/${encodeURIComponent(id)}${action ? `?action=${action}` : ''}`;
}

export function ruleHref(id: string): string {
  return `/rules/${encodeURIComponent(id)}`;
}

export function workspaceHref(name: string): string {
  return `/workspaces/${encodeURIComponent(name)}`;
}

/** The Changes page, or one recorded version on it. */
export function changesHref(version?: number): string {
  return version === undefined ? '/changes' : `/changes/${version}`;
}

/** A deletion alert, on the Changes page. */
export function alertHref(id: string): string {
  return `/changes?alert=${encodeURIComponent(id)}`;
}

export type Route =
  | { page: 'inventory' }
  | { page: 'node'; id: string }
  | { page: 'plan'; id?: string }
  | { page: 'workspaces' }
  | { page: 'workspace'; name: string }
  | { page: 'status' }
  | { page: 'findings' }
  | { page: 'changes'; version?: number }
  | { page: 'rule'; id: string }
  | { page: 'not-found'; path: string };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/' || clean === '') return { page: 'inventory' };
  if (clean === '/plan') return { page: 'plan' };
  if (clean === '/workspaces') return { page: 'workspaces' };
  if (clean === '/status') return { page: 'status' };
  if (clean === '/findings') return { page: 'findings' };
  if (clean === '/changes') return { page: 'changes' };
  const version = /^\/changes\/([1-9]\d{0,15})$/.exec(clean);
  if (version?.[1]) return { page: 'changes', version: Number(version[1]) };
  const node = /^\/node\/(.+)$/.exec(clean);
  if (node?.[1]) {
    const id = decode(node[1]);
    if (id) return { page: 'node', id };
  }
  const plan = /^\/plan\/([^/]+)$/.exec(clean);
  if (plan?.[1]) {
    const id = decode(plan[1]);
    if (id) return { page: 'plan', id };
  }
  const rule = /^\/rules\/([^/]+)$/.exec(clean);
  if (rule?.[1]) {
    const id = decode(rule[1]);
    if (id) return { page: 'rule', id };
  }
  const ws = /^\/workspaces\/([^/]+)$/.exec(clean);
  if (ws?.[1]) {
    const name = decode(ws[1]);
    if (name) return { page: 'workspace', name };
  }
  return { page: 'not-found', path };
}
