import type { CliArgs } from './args.js';
import { findingsCommand } from './commands/findings.js';
import { ingestCommand } from './commands/ingest.js';
import { planCommand } from './commands/plan.js';
import { queryCommand } from './commands/query.js';
import { serveCommand } from './commands/serve.js';
import type { Io } from './io.js';

export type CommandHandler = (args: CliArgs, io: Io) => Promise<number>;

/** Every command by name; a new command is one file in commands/ and one line here. */
export const COMMANDS: Record<string, CommandHandler> = {
  plan: planCommand,
  query: queryCommand,
  ingest: ingestCommand,
  findings: findingsCommand,
  serve: serveCommand,
};
