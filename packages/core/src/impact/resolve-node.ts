import type { EstateGraph } from '../graph/estate-graph.js';
import { parseSecretArn } from '../link/arn.js';

export type ResolvedNode = { ok: true; id: string } | { ok: false; reason: string; candidates: string[] };

/** A node id, a secret or parameter name, or an ARN (with or without the random suffix) → one node. */
export function resolveNode(graph: EstateGraph, query: string): ResolvedNode {
  if (graph.hasNode(query)) return { ok: true, id: query };
  const candidates: string[] = [];
  const secret = query.startsWith('arn:') ? parseSecretArn(query) : null;
  graph.forEachNode((id, a) => {
    if (a.kind !== 'resource' && a.kind !== 'schedule') return;
    if (
      a.arn === query ||
      a.name === query ||
      (a.name && query.startsWith('/') === false && a.name === `/${query}`)
    )
      candidates.push(id);
    else if (secret && a.arn && parseSecretArn(a.arn)?.withoutSuffix === secret.withoutSuffix)
      candidates.push(id);
  });
  // Prefer the secret itself over resources that share its name (versions, policies).
  const preferred = candidates.filter((id) => {
    const t = graph.getNodeAttributes(id).type;
    return t === 'aws_secretsmanager_secret' || t === 'aws_ssm_parameter' || t === 'aws_kms_key';
  });
  const list = preferred.length > 0 ? preferred : candidates;
  if (list.length === 1) return { ok: true, id: list[0] as string };
  if (list.length === 0)
    return { ok: false, reason: `no node, name or ARN in the estate matches "${query}"`, candidates: [] };
  return {
    ok: false,
    reason: `"${query}" matches several nodes: ${list.slice(0, 10).join(', ')}`,
    candidates: list,
  };
}
