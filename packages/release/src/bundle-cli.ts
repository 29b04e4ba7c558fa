import { build, type Metafile, type Plugin } from 'esbuild';
import { repoPath } from './repo-path.js';

/**
 * Packages that find files beside their own code at run time (`__dirname`), so they stay out of
 * the bundle and ship as published, in the package's node_modules: @cdktf/hcl2json reads its
 * `main.wasm.gz` and Go bridge, @fastify/swagger-ui serves its `static/` directory, PGlite loads
 * `pglite.wasm` and `pglite.data`. Each is named
 * with the workspace package that depends on it.
 */
export const VENDORED = [
  { name: '@cdktf/hcl2json', from: 'packages/core' },
  { name: '@fastify/swagger-ui', from: 'packages/server' },
  // Reads its WebAssembly module and PostgreSQL data files beside its own code.
  { name: '@electric-sql/pglite', from: 'packages/store' },
] as const;

/**
 * The CLI, the core, the server and their dependencies as ES modules in `outDir`: `bin.js`, the
 * ingest worker (`ingest-worker.js`, which the core finds beside the chunk that starts it) and
 * shared chunks. Split, so `impact --help` and `--version` load a few hundred bytes, not the
 * engine. Bundled from the TypeScript sources (the `source` condition), never a stale dist/.
 */
export async function bundleCli(outDir: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: repoPath(),
    entryPoints: {
      bin: repoPath('packages/cli/src/bin.ts'),
      'ingest-worker': repoPath('packages/core/src/node/ingest-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    chunkNames: '[name]-[hash]',
    // pg-native is pg's optional native binding, required only when asked for; it is not shipped.
    external: [...VENDORED.map((v) => v.name), 'pg-native'],
    // CommonJS dependencies (fastify, pino, …) call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __impactRequire } from 'node:module'; const require = __impactRequire(import.meta.url);",
    },
    plugins: [packagedPaths],
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

/** Points the server at the packaged dashboard and at no default estate. */
const packagedPaths: Plugin = {
  name: 'impact-packaged-paths',
  setup(b) {
    b.onResolve({ filter: /\/default-paths\.js$/ }, (args) =>
      args.importer.startsWith(repoPath('packages/server/src/'))
        ? { path: repoPath('packages/release/src/packaged-paths.ts') }
        : undefined,
    );
  },
};
