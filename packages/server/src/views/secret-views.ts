import type { EstateGraph } from '@impact/core';
import { consumersOf } from '@impact/core/node';
import type { SecretView } from '../schemas/secret-view.js';
import { worstFinding } from './estate-findings.js';

const cache = new WeakMap<EstateGraph, SecretView[]>();

/**
 * Every secret-bearing resource (Secrets Manager secret, SSM parameter, KMS key) with the size of
 * its blast radius outside its own workspace. Computed once per graph: re-ingest makes a new graph.
 */
export function secretViews(graph: EstateGraph): SecretView[] {
  const known = cache.get(graph);
  if (known) return known;
  const views: SecretView[] = [];
  graph.forEachNode((id, a) => {
    if (!a.secret || a.kind !== 'resource' || a.address === null) return;
    // The same consumers the findings count: no grants, no plumbing of the secret's own definition.
    const outside = consumersOf(graph, id).filter((c) => c.workspace !== a.workspace);
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
      consumers: outside.length,
      consumerWorkspaces: new Set(outside.map((c) => c.workspace)).size,
      worstFinding: worstFinding(graph, id),
    });
  });
  views.sort((x, y) => x.id.localeCompare(y.id));
  cache.set(graph, views);
  return views;
}
