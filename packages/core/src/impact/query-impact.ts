import type { EstateGraph } from '../graph/estate-graph.js';
import { buildResult } from './build-result.js';
import type { Action, ImpactResult } from './result-types.js';

export interface QueryOptions {
  action: Extract<Action, 'delete' | 'replace' | 'remove_output'>;
  now: Date;
  recoveryWindowDays?: number;
  /** Impacted nodes analysed at most (closest first). */
  limit?: number;
  /** Impacts listed at most, worst first (default: all analysed). */
  list?: number;
  maxDepth?: number;
}

/** Impact of one action on one node, in the same result shape as a plan. */
export function queryImpact(graph: EstateGraph, id: string, options: QueryOptions): ImpactResult {
  const node = graph.getNodeAttributes(id);
  const action = node.kind === 'output' ? 'remove_output' : options.action;
  return buildResult(
    graph,
    [
      {
        id,
        workspace: node.workspace,
        address: node.address ?? id,
        ...(node.type ? { type: node.type } : {}),
        actions: action === 'replace' ? ['delete', 'create'] : ['delete'],
        action,
        ...(options.recoveryWindowDays !== undefined
          ? { recoveryWindowDays: options.recoveryWindowDays }
          : {}),
      },
    ],
    {
      now: options.now,
      workspace: node.workspace,
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.list !== undefined ? { list: options.list } : {}),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    },
  );
}
