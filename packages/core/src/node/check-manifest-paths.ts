import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { MANIFEST, type PlacedEntry } from '../ingest/parse-manifest.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';

/**
 * The manifest's paths stay inside the estate directory: an absolute path, one that climbs out
 * (`../../etc/shadow`) or one that a symbolic link takes out is refused, and a state file or a
 * configuration directory that does not exist is an error naming its entry. Returns whether
 * every path passed; each problem is an error diagnostic in `into`.
 */
export async function checkManifestPaths(
  root: string,
  placed: readonly PlacedEntry[],
  into: Diagnostic[],
): Promise<boolean> {
  const base = resolve(root);
  const realBase = await realpath(base).catch(() => base);
  let fine = true;
  for (const { entry, index, line } of placed) {
    const who = `workspace "${entry.name}" (workspaces[${index}], line ${line})`;
    for (const [what, path] of [
      ['state', entry.state],
      ['config', entry.config],
    ] as const) {
      if (path === undefined) continue;
      const refuse = (code: string, reason: string) => {
        fine = false;
        into.push(diagnostic('error', code, `${who}: ${reason}`, { file: MANIFEST }));
      };
      const named = what === 'state' ? `state file ${path}` : `config directory ${path}`;
      if (isAbsolute(path) || win32.isAbsolute(path)) {
        refuse('manifest.path-outside', `${named} is absolute; give it relative to the estate directory`);
        continue;
      }
      const full = resolve(base, path);
      if (!inside(base, full)) {
        refuse('manifest.path-outside', `${named} is outside the estate directory`);
        continue;
      }
      const real = await realpath(full).catch((error: NodeJS.ErrnoException) => error);
      if (real instanceof Error) {
        // Other failures (a permission) are the reader's to report, with the file.
        if (real.code === 'ENOENT' || real.code === 'ENOTDIR')
          refuse(`manifest.${what}-missing`, `${named} does not exist`);
        continue;
      }
      if (!inside(realBase, real))
        refuse(
          'manifest.path-outside',
          `${named} leads outside the estate directory through a symbolic link`,
        );
    }
  }
  return fine;
}

function inside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
