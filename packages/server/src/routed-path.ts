/**
 * The path as the router matches it: without its query and percent-decoded. A guard that reads
 * the raw URL sees `/%61pi/secrets` where the router routes `/api/secrets`.
 */
export function routedPath(url: string): string {
  const raw = url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
