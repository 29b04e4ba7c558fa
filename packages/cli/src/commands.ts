import type { CliArgs } from './args.js';
import { findingsCommand } from './commands/findings.js';
import { ingestCommand } from './commands/ingest.js';
import { planCommand } from './commands/plan.js';
import { queryCommand } from './commands/query.js';
import type { Io } from './io.js';

export type CommandHandler = (args: CliArgs, io: Io) => Promise<number>;

/** Every command by name; a new command is one file in commands/ and one line here. */
export const COMMANDS: Record<string, CommandHandler> = {
  plan: planCommand,
  query: queryCommand,
  ingest: ingestCommand,
  findings: findingsCommand,
  // The server (fastify and its plugins) loads only for `serve`: `impact plan` starts without it.
  serve: async (args, io) => (await import('./commands/serve.js')).serveCommand(args, io),
  // Comparing two estates is rare beside plan: its code loads only for `diff`.
  diff: async (args, io) => (await import('./commands/diff.js')).diffCommand(args, io),
};
