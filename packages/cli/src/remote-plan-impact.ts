import type { ImpactResult } from '@impact/core';
import { type RemoteEstate, remoteCall } from './remote-call.js';

export interface RemotePlanOptions {
  workspace?: string;
  now: Date;
  /** Impacts listed at most, worst first. */
  limit?: number;
  depth?: number;
}

/** `POST /api/plans/impact?workspace=&now=&limit=&depth=` with the plan JSON as body. */
export async function remotePlanImpact(
  remote: RemoteEstate,
  plan: Uint8Array,
  options: RemotePlanOptions,
): Promise<ImpactResult> {
  const query = new URLSearchParams({ now: options.now.toISOString() });
  if (options.workspace) query.set('workspace', options.workspace);
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  if (options.depth !== undefined) query.set('depth', String(options.depth));
  return remoteCall(remote, `/api/plans/impact?${query}`, { method: 'POST', body: plan });
}
