import { VERSION } from '@impact/core/node';
import { parseCliArgs } from './args.js';
import { COMMANDS } from './commands.js';
import { ExitCode, InputError, UsageError } from './exit-codes.js';
import { HELP } from './help.js';
import type { Io } from './io.js';

export type { Io } from './io.js';

/** The whole CLI: argv in, exit code out. One top-level catch maps errors to exit codes. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseCliArgs(argv, io.env);
    if (args.command === 'help') {
      io.stdout(HELP);
      return ExitCode.ok;
    }
    if (args.command === 'version') {
      io.stdout(`impact ${VERSION}\n`);
      return ExitCode.ok;
    }
    const handler = COMMANDS[args.command];
    if (!handler) throw new UsageError(`unknown command ${args.command}; see impact --help`);
    return await handler(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`impact: ${error.message}\n`);
      return ExitCode.failed;
    }
    io.stderr(`impact: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return ExitCode.failed;
  }
}
