import { cpSync, existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type PackageInfo, packageInfo } from './package-info.js';

export interface VendoredPackage extends PackageInfo {
  /** Where it was copied from (the pnpm store's real directory). */
  source: string;
}

/**
 * Copies each named package, resolved from its dependent's directory, and everything it depends
 * on into `nodeModules`, as npm would lay them out: flat, and nested under the dependent where
 * two versions of one name are needed; without types, source maps and tests. Returns every
 * package copied.
 */
export function vendorPackages(
  entries: readonly { name: string; fromDir: string }[],
  nodeModules: string,
): VendoredPackage[] {
  const top = new Map<string, string>();
  const copied: VendoredPackage[] = [];
  const place = (name: string, fromDir: string, parentDest: string | null): void => {
    const source = packageDir(name, fromDir);
    const info = packageInfo(source);
    const atTop = top.get(name);
    let dest: string;
    if (atTop === undefined) {
      top.set(name, info.version);
      dest = join(nodeModules, name);
    } else if (atTop === info.version) {
      return;
    } else if (parentDest !== null) {
      dest = join(parentDest, 'node_modules', name);
      if (existsSync(dest)) return;
    } else {
      throw new Error(`cannot vendor ${name}@${info.version}: ${name}@${atTop} is already at the top`);
    }
    cpSync(source, dest, { recursive: true, dereference: true, filter: (f) => runtimeFile(source, f) });
    copied.push({ ...info, source });
    for (const dep of info.dependencies) place(dep, source, dest);
  };
  for (const { name, fromDir } of entries) place(name, fromDir, null);
  return copied;
}

/** Types, source maps and a package's own tests are not needed to run it (they are a third of the bytes). */
function runtimeFile(root: string, file: string): boolean {
  if (/\.(d\.[mc]?ts|map)$/.test(file)) return false;
  return !/^\/(test|tests|__tests__)(\/|$)/.test(file.slice(root.length));
}

/** The real directory of `name` as Node would find it from `fromDir` (not through its exports map). */
function packageDir(name: string, fromDir: string): string {
  const lookup = createRequire(join(fromDir, 'package.json')).resolve.paths(name) ?? [];
  for (const nodeModules of lookup) {
    const dir = join(nodeModules, name);
    if (existsSync(join(dir, 'package.json'))) return realpathSync(dir);
  }
  throw new Error(`cannot find ${name} from ${fromDir}`);
}
