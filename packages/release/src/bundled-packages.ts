import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { type PackageInfo, packageInfo } from './package-info.js';

/**
 * The third-party packages esbuild put into the bundle (from its metafile's inputs, relative to
 * `workingDir`), each once, by name and version; the workspace's own packages are not among them.
 */
export function bundledPackages(metafile: Metafile, workingDir: string): PackageInfo[] {
  const dirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const file = resolve(workingDir, input);
    if (!file.includes('/node_modules/')) continue;
    const dir = packageRoot(dirname(file));
    if (dir !== null) dirs.add(realpathSync(dir));
  }
  const byId = new Map<string, PackageInfo>();
  for (const dir of dirs) {
    const info = packageInfo(dir);
    byId.set(`${info.name}@${info.version}`, info);
  }
  return [...byId.values()];
}

/** The nearest directory holding a package.json with a name and version (some nest a bare one). */
function packageRoot(start: string): string | null {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (name && version) return dir;
    }
  }
  return null;
}
