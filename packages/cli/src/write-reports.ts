import { breaches, type ImpactResult, REPORTERS } from '@impact/core/node';
import type { CliArgs } from './args.js';
import { emit } from './emit.js';
import { ExitCode } from './exit-codes.js';
import type { Io } from './io.js';

/**
 * Renders the one result in every requested format and says how the run ends: 1 when an
 * impact reaches `--fail-on`, else 0. Colour only for text on a terminal without NO_COLOR.
 */
export async function writeReports(args: CliArgs, io: Io, result: ImpactResult): Promise<number> {
  const jsonPath = args.reports.find((r) => r.format === 'json' && r.file)?.file;
  for (const target of args.reports) {
    const color = target.format === 'text' && !target.file && io.stdoutIsTty && !io.env.NO_COLOR;
    const text = REPORTERS[target.format](result, { color, ...(jsonPath ? { jsonPath } : {}) });
    await emit(io, target.file, text);
  }
  return breaches(result, args.failOn) ? ExitCode.impacted : ExitCode.ok;
}
