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
        limit: args.limit,
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
