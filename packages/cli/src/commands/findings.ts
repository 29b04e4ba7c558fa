import {
  evaluateRules,
  FINDINGS_REPORTERS,
  type FindingsFormat,
  findingsResult,
  unknownRules,
} from '@impact/core/node';
import type { CliArgs } from '../args.js';
import { emit } from '../emit.js';
import { ExitCode, InputError, UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { isRemoteEstate } from '../is-remote-estate.js';
import { localEstate } from '../local-estate.js';
import { remoteFindings } from '../remote-findings.js';

/** `impact findings`: the secret hygiene rules over the whole estate. Exit 1 when a finding is an error. */
export async function findingsCommand(args: CliArgs, io: Io): Promise<number> {
  if (!args.estate) throw new InputError('no estate: pass --estate <dir|snapshot|url> or set IMPACT_ESTATE');
  const unknown = unknownRules(args.rules);
  if (unknown.length > 0)
    throw new UsageError(`unknown rule ${unknown.join(', ')}; the rules are listed in docs/rules/`);
  const findings = isRemoteEstate(args.estate)
    ? // A server works its findings out at its own time (its `now`), with its rules' default levels.
      await remoteFindings(
        { url: args.estate, ...(io.env.IMPACT_TOKEN ? { token: io.env.IMPACT_TOKEN } : {}) },
        args.rules,
      )
    : evaluateRules((await localEstate(args.estate, args, io)).built.graph, {
        now: args.now,
        levels: args.rules,
      });
  const result = findingsResult(findings, args.now);
  for (const target of args.reports) {
    const color = target.format === 'text' && !target.file && io.stdoutIsTty && !io.env.NO_COLOR;
    await emit(io, target.file, FINDINGS_REPORTERS[target.format as FindingsFormat](result, { color }));
  }
  return result.summary.error > 0 ? ExitCode.impacted : ExitCode.ok;
}
