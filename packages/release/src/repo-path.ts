import { fileURLToPath } from 'node:url';

// src/ and dist/ sit at the same depth in the package.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A path inside the repository, from its root: `repoPath('packages/web/dist')`. */
export function repoPath(...parts: string[]): string {
  return [ROOT.replace(/\/$/, ''), ...parts].join('/');
}
