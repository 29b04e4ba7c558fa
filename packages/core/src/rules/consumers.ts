import type { EstateGraph } from '../graph/estate-graph.js';
import { blastRadius } from '../impact/blast-radius.js';
import { isConfigConduit } from '../impact/config-consumers.js';
import type { NodeAttributes } from '../model/graph-types.js';
import type { Consumer } from './rule-types.js';

/** Resources that belong to a secret's own definition or only pass it along: not consumers. */
const PLUMBING = new Set([
  'aws_secretsmanager_secret_version',
  'aws_secretsmanager_secret_rotation',
  'aws_secretsmanager_secret_policy',
  'aws_kms_alias',
  'terraform_remote_state',
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_policy_document',
  'aws_iam_role_policy_attachment',
  'aws_cloudwatch_event_target',
]);

/**
 * Who consumes a node: what depends on it, without its own plumbing, outputs and grants. Since
 * names link only inside their account and region, these are its consumers in its scope (and
 * readers of its full ARN anywhere). A consumer reached only through an ambiguous name or a
 * guessed remote-state read is marked `doubtful`: rules count it as a maybe, not as a consumer.
 */
export function consumersOf(graph: EstateGraph, id: string): Consumer[] {
  const { reached } = blastRadius(graph, [id], {
    limit: 10_000,
    terminal: (_edge, attrs) => attrs.kind === 'iam_grant' || attrs.kind === 'policy_grants',
  });
  const out: Consumer[] = [];
  // Breadth first: a node's next hops towards the source were reached before it.
  const doubtfulIds = new Set<string>();
  for (const r of reached) {
    const doubtful = r.via.every((e) => {
      const c = graph.getEdgeAttribute(e, 'confidence');
      return c === 'ambiguous' || c === 'guess' || doubtfulIds.has(graph.target(e));
    });
    if (doubtful) doubtfulIds.add(r.id);
    const a = graph.getNodeAttributes(r.id);
    // A grant is not consumption: a role allowed to read a secret may never do so.
    if (r.via.every((e) => graph.getEdgeAttribute(e, 'kind') === 'iam_grant')) continue;
    // Nor is being managed by a provider that reads it: the provider is the consumer.
    if (r.via.every((e) => graph.getEdgeAttribute(e, 'kind') === 'managed_by')) continue;
    if (a.kind === 'output' || a.kind === 'workspace') continue;
    if (isConfigConduit(graph, r.id, a)) continue;
    if (a.type && PLUMBING.has(a.type)) continue;
    out.push({
      id: r.id,
      workspace: a.workspace,
      distance: r.distance,
      ...(doubtful ? { doubtful: true } : {}),
    });
  }
  return out;
}

/** The consumers a rule can stand on: not reached only through an ambiguous name or a guess. */
export function sureConsumers(consumers: readonly Consumer[]): Consumer[] {
  return consumers.filter((c) => !c.doubtful);
}

/** Secret-like nodes (of one service), among `focus` when given (a plan's touched resources). */
export function secretIds(
  graph: EstateGraph,
  service?: 'secretsmanager' | 'ssm' | 'kms',
  focus?: ReadonlySet<string>,
): string[] {
  const keep = (a: NodeAttributes) =>
    a.secret !== undefined && (service === undefined || a.secret.service === service);
  if (focus) return [...focus].filter((id) => graph.hasNode(id) && keep(graph.getNodeAttributes(id)));
  return graph.filterNodes((_id, a) => keep(a));
}
