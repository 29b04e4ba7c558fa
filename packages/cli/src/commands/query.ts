import { type ImpactResult, queryImpact, resolveNode } from '@impact/core/node';
import type { CliArgs } from '../args.js';
import { InputError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { isRemoteEstate } from '../is-remote-estate.js';
import { localEstate } from '../local-estate.js';
import { remoteNodeImpact } from '../remote-node-impact.js';
import { writeReports } from '../write-reports.js';
import { ANALYSIS_LIMIT, REMOTE_LIST } from './plan.js';

/** `impact query <id|name|ARN>`: the blast radius of deleting or replacing one node. */
export async function queryCommand(args: CliArgs, io: Io): Promise<number> {
  const target = args.positionals[0] as string;
  if (!args.estate) throw new InputError('no estate: pass --estate <dir|snapshot|url> or set IMPACT_ESTATE');
  let result: ImpactResult;
  if (isRemoteEstate(args.estate)) {
    result = await remoteNodeImpact(
      { url: args.estate, ...(io.env.IMPACT_TOKEN ? { token: io.env.IMPACT_TOKEN } : {}) },
      target,
      {
        action: args.action,
        now: args.now.toISOString(),
        limit: String(args.limit ?? REMOTE_LIST),
        depth: args.depth?.toString(),
        recoveryWindow: args.recoveryWindow?.toString(),
      },
    );
  } else {
    const loaded = await localEstate(args.estate, args, io);
    const resolved = resolveNode(
      loaded.built.graph,
      target,
      args.workspace ? { workspace: args.workspace } : {},
    );
    if (!resolved.ok) throw new InputError(resolved.reason);
    result = queryImpact(loaded.built.graph, resolved.id, {
      action: args.action,
      now: args.now,
      limit: ANALYSIS_LIMIT,
      ...(args.limit !== undefined ? { list: args.limit } : {}),
      ...(args.recoveryWindow !== undefined ? { recoveryWindowDays: args.recoveryWindow } : {}),
      ...(args.depth !== undefined ? { maxDepth: args.depth } : {}),
    });
  }
  return writeReports(args, io, result);
}
