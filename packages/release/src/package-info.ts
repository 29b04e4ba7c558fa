import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
  license: string;
  /** The text of its LICENSE / LICENCE / COPYING / NOTICE files, in name order. */
  licenseText: string;
  dependencies: string[];
}

/** What the third-party notices and the vendoring need to know of the package in `dir`. */
export function packageInfo(dir: string): PackageInfo {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  const files = readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying|notice)/i.test(f))
    .sort();
  return {
    name: manifest.name,
    version: manifest.version,
    license: manifest.license ?? 'UNKNOWN',
    licenseText: files.map((f) => readFileSync(join(dir, f), 'utf8').trim()).join('\n\n'),
    dependencies: Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }),
  };
}
