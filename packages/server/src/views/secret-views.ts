import { type EstateGraph, type NodeAttributes, perRevision } from '@impact/core';
import type { SecretView } from '../schemas/secret-view.js';
import { type Analysis, consumersOutside, withAnalysis, worstFinding } from './estate-findings.js';

const cache = new WeakMap<EstateGraph, { revision: number; value: Promise<SecretView[]> }>();

/**
 * Every secret-bearing resource (Secrets Manager secret, SSM parameter, KMS key) with the size of
 * its blast radius outside its own workspace. Computed once per graph and revision: an
 * incremental ingest patches the graph in place.
 */
export function secretViews(graph: EstateGraph): Promise<SecretView[]> {
  return perRevision(cache, graph, () => withAnalysis(graph, (analysis) => build(graph, analysis)));
}

/** Synchronous: the graph is read at the revision of `analysis`. */
function build(graph: EstateGraph, analysis: Analysis): SecretView[] {
  const views: SecretView[] = [];
  const secrets: [string, NodeAttributes][] = [];
  graph.forEachNode((id, a) => {
    if (a.secret && a.kind === 'resource' && a.address !== null) secrets.push([id, a]);
  });
  for (const [id, a] of secrets) {
    if (!a.secret || a.address === null) continue;
    // The same consumers the findings count: no grants, no plumbing of the secret's own definition.
    const outside = consumersOutside(graph, analysis, id);
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
      worstFinding: worstFinding(analysis, id),
    });
  }
  views.sort((x, y) => x.id.localeCompare(y.id));
  return views;
}
