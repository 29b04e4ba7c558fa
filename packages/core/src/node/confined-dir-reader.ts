import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ReadConfigDir } from '../ingest/ingest-local-modules.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';

/**
 * A reader of configuration directories that stays inside the estate: a directory that a
 * symbolic link takes out of it is refused with a diagnostic, never read.
 */
export function confinedDirReader(
  root: string,
  readDir: ReadConfigDir,
  diagnostics: Diagnostic[],
): ReadConfigDir {
  return async (dir) => {
    const base = await realpath(resolve(root)).catch(() => resolve(root));
    const real = await realpath(join(root, dir)).catch(() => null);
    if (real === null) return [];
    const rel = relative(base, real);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      diagnostics.push(
        diagnostic(
          'warning',
          'config.module-outside',
          `${dir} leads outside the estate directory through a symbolic link: not read`,
          { file: dir },
        ),
      );
      return null;
    }
    return readDir(dir);
  };
}
