import type { ImpactResult } from '@impact/core';
import { type RemoteEstate, remoteCall } from './remote-call.js';

/** `GET /api/nodes/:id/impact?action=&now=&depth=&limit=&recoveryWindow=`. */
export async function remoteNodeImpact(
  remote: RemoteEstate,
  id: string,
  params: Record<string, string | undefined>,
): Promise<ImpactResult> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  return remoteCall(remote, `/api/nodes/${encodeURIComponent(id)}/impact?${query}`, { method: 'GET' });
}
