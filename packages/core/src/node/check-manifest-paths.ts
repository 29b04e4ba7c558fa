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
  /** Each path's refusal (in manifest order), or what to ask of the file system to know. */
  const checks: (
    | { who: string; code: string; reason: string }
    | { who: string; what: 'state' | 'config'; named: string; full: string }
  )[] = [];
  for (const { entry, index, line } of placed) {
    const who = `workspace "${entry.name}" (workspaces[${index}], line ${line})`;
    for (const [what, path] of [
      ['state', entry.state],
      ['config', entry.config],
    ] as const) {
      if (path === undefined) continue;
      const named = what === 'state' ? `state file ${path}` : `config directory ${path}`;
      const full = resolve(base, path);
      if (isAbsolute(path) || win32.isAbsolute(path))
        checks.push({
          who,
          code: 'manifest.path-outside',
          reason: `${named} is absolute; give it relative to the estate directory`,
        });
      else if (!inside(base, full))
        checks.push({
          who,
          code: 'manifest.path-outside',
          reason: `${named} is outside the estate directory`,
        });
      else checks.push({ who, what, named, full });
    }
  }
  // Asked all at once (a watched estate's manifest is checked at every poll), said in manifest order.
  const reals = await Promise.all(
    checks.map((c) => ('full' in c ? realpath(c.full).catch((error: NodeJS.ErrnoException) => error) : null)),
  );
  let fine = true;
  checks.forEach((c, i) => {
    let refusal: { code: string; reason: string } | null = 'code' in c ? c : null;
    const real = reals[i];
    if ('full' in c && real instanceof Error) {
      // Other failures (a permission) are the reader's to report, with the file.
      if (real.code === 'ENOENT' || real.code === 'ENOTDIR')
        refusal = { code: `manifest.${c.what}-missing`, reason: `${c.named} does not exist` };
    } else if ('full' in c && typeof real === 'string' && !inside(realBase, real))
      refusal = {
        code: 'manifest.path-outside',
        reason: `${c.named} leads outside the estate directory through a symbolic link`,
      };
    if (!refusal) return;
    fine = false;
    into.push(diagnostic('error', refusal.code, `${c.who}: ${refusal.reason}`, { file: MANIFEST }));
  });
  return fine;
}

function inside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
