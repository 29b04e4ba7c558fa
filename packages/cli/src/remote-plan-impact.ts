import type { ImpactResult } from '@impact/core';
import { type RemoteEstate, remoteCall } from './remote-call.js';

export interface RemotePlanOptions {
  workspace?: string;
  now: Date;
}

/** `POST /api/plans/impact?workspace=&now=` with the plan JSON as body. */
export async function remotePlanImpact(
  remote: RemoteEstate,
  plan: Uint8Array,
  options: RemotePlanOptions,
): Promise<ImpactResult> {
  const query = new URLSearchParams({ now: options.now.toISOString() });
  if (options.workspace) query.set('workspace', options.workspace);
  return remoteCall(remote, `/api/plans/impact?${query}`, { method: 'POST', body: plan });
}
