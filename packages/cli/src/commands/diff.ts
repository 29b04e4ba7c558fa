import { DIFF_REPORTERS, diffEstates, type EstateDiffFormat, hasDifferences } from '@impact/core/node';
import type { CliArgs } from '../args.js';
import { emit } from '../emit.js';
import { ExitCode, InputError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { isRemoteEstate } from '../is-remote-estate.js';
import { localEstate } from '../local-estate.js';

/**
 * `impact diff <old> <new>`: what changed between two estates (snapshot files or estate
 * directories): secret lifecycle events first, then workspaces, resources and edges. Exit 0
 * when they were compared, whatever differs; 1 with `--fail-on-change` when anything differs.
 */
export async function diffCommand(args: CliArgs, io: Io): Promise<number> {
  const [oldPath, newPath] = args.positionals as [string, string];
  const load = async (side: 'old' | 'new', path: string) => {
    if (isRemoteEstate(path))
      throw new InputError(
        `the ${side} estate ${path} is a server URL: diff compares snapshot files or estate directories`,
      );
    try {
      return (await localEstate(path, args, io)).built;
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`the ${side} estate ${path}: ${error.message}`);
      throw error;
    }
  };
  const diff = diffEstates(await load('old', oldPath), await load('new', newPath));
  for (const target of args.reports) {
    await emit(io, target.file, DIFF_REPORTERS[target.format as EstateDiffFormat](diff));
  }
  return args.failOnChange && hasDifferences(diff) ? ExitCode.impacted : ExitCode.ok;
}
