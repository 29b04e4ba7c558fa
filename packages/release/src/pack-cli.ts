import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '@impact/core/version';
import { bundleCli, VENDORED } from './bundle-cli.js';
import { bundledPackages } from './bundled-packages.js';
import { packageManifest } from './package-manifest.js';
import { repoPath } from './repo-path.js';
import { thirdPartyNotices } from './third-party-notices.js';
import { vendorPackages } from './vendor-packages.js';

export interface PackResult {
  file: string;
  /** Bytes of the .tgz, and of its files unpacked. */
  size: number;
  unpackedSize: number;
  entryCount: number;
}

/** Bundles, lays out and packs the CLI package into `outDir`. */
export async function packCli(outDir: string): Promise<PackResult> {
  const cli = JSON.parse(readFileSync(repoPath('packages/cli/package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  if (cli.version !== VERSION)
    throw new Error(
      `packages/cli/package.json is at ${String(cli.version)}, the core's VERSION at ${VERSION}`,
    );
  const web = repoPath('packages/web/dist');
  if (!existsSync(join(web, 'index.html')))
    throw new Error(`the dashboard is not built (${web}): run \`pnpm build\``);

  const stage = mkdtempSync(join(tmpdir(), 'impact-pack-'));
  try {
    const metafile = await bundleCli(join(stage, 'dist'));
    const inputs = Object.keys(metafile.inputs);
    if (
      inputs.some((i) => i.endsWith('server/src/default-paths.ts')) ||
      !inputs.some((i) => i.endsWith('packaged-paths.ts'))
    )
      throw new Error("the bundle does not use packaged-paths.ts in place of the server's default-paths.ts");
    chmodSync(join(stage, 'dist/bin.js'), 0o755);
    cpSync(web, join(stage, 'web'), { recursive: true });
    const vendored = vendorPackages(
      VENDORED.map((v) => ({ name: v.name, fromDir: repoPath(v.from) })),
      join(stage, 'node_modules'),
    );
    const direct = vendored.filter((v) => VENDORED.some((d) => d.name === v.name));
    const manifest = packageManifest(cli, VERSION, direct);
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    cpSync(repoPath('packages/cli/README.md'), join(stage, 'README.md'));
    cpSync(repoPath('LICENSE'), join(stage, 'LICENSE'));
    cpSync(repoPath('CHANGELOG.md'), join(stage, 'CHANGELOG.md'));
    writeFileSync(
      join(stage, 'THIRD-PARTY-NOTICES.md'),
      thirdPartyNotices(bundledPackages(metafile, repoPath()), vendored),
    );
    mkdirSync(outDir, { recursive: true });
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
        cwd: stage,
        encoding: 'utf8',
        env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' },
      }),
    ) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
    if (!packed) throw new Error('npm pack wrote nothing');
    return {
      file: join(outDir, packed.filename),
      size: packed.size,
      unpackedSize: packed.unpackedSize,
      entryCount: packed.entryCount,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
