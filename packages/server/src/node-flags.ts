/**
 * V8 flags the server process runs with: set where node starts (the `impact` binary's shebang,
 * the `pnpm start` and `pnpm impact` scripts); `impact serve` says so when they are missing. A server answers many small requests from a large heap; V8 (as in Node 20) walks
 * every old-space page on each young-generation collection, so on the 1M-resource estate one
 * costs ~6 ms against ~1.3 ms at 100k. Semi-spaces of 64 MB (the default stops at 16) make those
 * collections four times rarer. Measured on the 1M estate, impact route, one server each: 32.8k
 * req/s with the default and graphology's plain adjacency objects; 39.5k with these flags and the
 * prototype-free adjacency of estate-graph.ts (with plain adjacency these flags gave 19.7k: each
 * collection cost ~30 ms). 100k unchanged. The price is up to ~150 MB more young generation.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** Whether a process started with `execArgv` (and `NODE_OPTIONS`) already has the server's flags. */
export function hasServerFlags(execArgv: readonly string[], nodeOptions = ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return SERVER_NODE_FLAGS.every((flag) => {
    const name = flag.split('=')[0] as string;
    return given.some((g) => g === flag || g.startsWith(`${name}=`) || g === name);
  });
}
