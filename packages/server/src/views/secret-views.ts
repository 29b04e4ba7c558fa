import type { EstateGraph, NodeAttributes } from '@impact/core';
import type { SecretView } from '../schemas/secret-view.js';
import { consumersOutside, estateAnalysis, worstFinding } from './estate-findings.js';

const cache = new WeakMap<EstateGraph, Promise<SecretView[]>>();

/**
 * Every secret-bearing resource (Secrets Manager secret, SSM parameter, KMS key) with the size of
 * its blast radius outside its own workspace. Computed once per graph: re-ingest makes a new graph.
 */
export function secretViews(graph: EstateGraph): Promise<SecretView[]> {
  let known = cache.get(graph);
  if (!known) {
    known = build(graph);
    cache.set(graph, known);
  }
  return known;
}

async function build(graph: EstateGraph): Promise<SecretView[]> {
  await estateAnalysis(graph);
  const views: SecretView[] = [];
  const secrets: [string, NodeAttributes][] = [];
  graph.forEachNode((id, a) => {
    if (a.secret && a.kind === 'resource' && a.address !== null) secrets.push([id, a]);
  });
  for (const [id, a] of secrets) {
    if (!a.secret || a.address === null) continue;
    // The same consumers the findings count: no grants, no plumbing of the secret's own definition.
    const outside = await consumersOutside(graph, id);
    const rotation = a.secret.rotation;
    views.push({
      id,
      workspace: a.workspace,
      address: a.address,
      type: a.type ?? '',
      name: a.name ?? null,
      arn: a.arn ?? null,
      service: a.secret.service,
      recoveryWindowDays: a.secret.recoveryWindowDays ?? null,
      rotation: rotation
        ? {
            enabled: rotation.enabled,
            ...(rotation.days !== undefined ? { days: rotation.days } : {}),
            ...(rotation.lambdaArn !== undefined ? { lambdaArn: rotation.lambdaArn } : {}),
          }
        : null,
      ...(a.secret.kmsKeyId !== undefined ? { kmsKeyId: a.secret.kmsKeyId } : {}),
      ...(a.secret.replicaRegions ? { replicaRegions: [...a.secret.replicaRegions] } : {}),
      consumers: outside.consumers,
      consumerWorkspaces: outside.consumerWorkspaces,
      worstFinding: await worstFinding(graph, id),
    });
  }
  views.sort((x, y) => x.id.localeCompare(y.id));
  return views;
}
