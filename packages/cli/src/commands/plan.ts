import { analysePlans, type ImpactResult, mergeResults } from '@impact/core/node';
import type { CliArgs } from '../args.js';
import { InputError, UsageError } from '../exit-codes.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import type { Io } from '../io.js';
import { isRemoteEstate } from '../is-remote-estate.js';
import { localEstate } from '../local-estate.js';
import { readPlans } from '../read-plans.js';
import { remotePlanImpact } from '../remote-plan-impact.js';
import { writeReports } from '../write-reports.js';

/** Impacted nodes analysed at most per change, closest first (the server's bound too). */
export const ANALYSIS_LIMIT = 10_000;
/** Impacts a server lists when the CLI asks for all of them: the API's most. */
export const REMOTE_LIST = 5000;

/** `impact plan a.json [b.json …]`: what the plans break across the estate, as one report. */
export async function planCommand(args: CliArgs, io: Io): Promise<number> {
  const { plans, problems } = await readPlans(args.positionals);
  if (!args.estate) throw new UsageError('no estate: pass --estate <dir|snapshot|url> or set IMPACT_ESTATE');
  let result: ImpactResult;
  if (isRemoteEstate(args.estate)) {
    if (args.workspace && plans.length > 1)
      throw new UsageError(
        '--workspace applies to a single plan; with several, each plan’s workspace is inferred',
      );
    const remote = { url: args.estate, ...(io.env.IMPACT_TOKEN ? { token: io.env.IMPACT_TOKEN } : {}) };
    const results: ImpactResult[] = [];
    for (const p of plans) {
      results.push(
        await remotePlanImpact(remote, p.bytes, {
          now: args.now,
          limit: args.limit ?? REMOTE_LIST,
          ...(args.depth !== undefined ? { depth: args.depth } : {}),
          ...(args.workspace ? { workspace: args.workspace } : {}),
        }),
      );
    }
    result = mergeResults(results);
  } else {
    const loaded = await localEstate(args.estate, args, io);
    const analysis = analysePlans(
      loaded.built.graph,
      plans.map((p) => p.plan),
      {
        now: args.now,
        limit: ANALYSIS_LIMIT,
        ...(args.limit !== undefined ? { list: args.limit } : {}),
        ...(args.workspace ? { workspace: args.workspace } : {}),
        ...(args.depth !== undefined ? { maxDepth: args.depth } : {}),
      },
    );
    if (!analysis.ok) throw new InputError(analysis.diagnostics.map(formatDiagnostic).join('\n'));
    result = analysis.result;
  }
  result.diagnostics.push(...problems);
  return writeReports(args, io, result);
}
