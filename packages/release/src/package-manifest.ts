/** The fields of packages/cli/package.json that the published package carries as they are. */
const KEPT = [
  'name',
  'description',
  'keywords',
  'homepage',
  'bugs',
  'repository',
  'license',
  'engines',
  'type',
] as const;

/** The files of the packed package beside package.json, README.md and LICENSE (which npm always takes). */
export const PACKED_FILES = ['dist', 'web', 'CHANGELOG.md', 'THIRD-PARTY-NOTICES.md'];

/**
 * The packed package's package.json: the CLI's publishing metadata, at `version`, with no
 * workspace links (core and server are in the bundle) and the vendored packages as bundled
 * dependencies, so that `npm install` has nothing to fetch. The workspace's package.json stays
 * `private`: published as it is, it would name `workspace:*` dependencies.
 */
export function packageManifest(
  cli: Record<string, unknown>,
  version: string,
  vendored: readonly { name: string; version: string }[],
): Record<string, unknown> {
  const kept = Object.fromEntries(KEPT.filter((k) => cli[k] !== undefined).map((k) => [k, cli[k]]));
  return {
    ...kept,
    version,
    bin: { impact: 'dist/bin.js' },
    files: PACKED_FILES,
    dependencies: Object.fromEntries(vendored.map((v) => [v.name, v.version])),
    bundleDependencies: vendored.map((v) => v.name),
  };
}
