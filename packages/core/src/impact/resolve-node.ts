import type { EstateGraph } from '../graph/estate-graph.js';
import { parseSecretArn } from '../link/arn.js';
import type { NodeAttributes } from '../model/graph-types.js';

export type ResolvedNode =
  | { ok: true; id: string }
  | { ok: false; reason: string; candidates: string[]; suggestions?: string[] };

export interface ResolveOptions {
  /** Only nodes of this workspace: narrows a name that several workspaces share. */
  workspace?: string;
}

/** The types people mean when they type a name: the secret, not its version or policy. */
const PRODUCERS = new Set(['aws_secretsmanager_secret', 'aws_ssm_parameter', 'aws_kms_key']);
const LISTED = 10;

/**
 * What a person typed → one node. Tried in order, the first that matches anything decides:
 * a node id; an ARN (with or without its suffix) or a name; an address (`aws_x.y`, in any
 * module) or its last part (`orders_db`); a piece of an address or name. Secrets, parameters and
 * keys are preferred over the resources that share their name; `workspace` narrows. Nothing
 * found: the closest names and addresses are offered ("did you mean").
 */
export function resolveNode(graph: EstateGraph, query: string, options: ResolveOptions = {}): ResolvedNode {
  const q = query.trim();
  if (
    graph.hasNode(q) &&
    (options.workspace === undefined || graph.getNodeAttribute(q, 'workspace') === options.workspace)
  )
    return { ok: true, id: q };
  const secret = q.startsWith('arn:') ? parseSecretArn(q) : null;
  const lower = q.toLowerCase();
  const tiers: ((id: string, a: NodeAttributes) => boolean)[] = [
    (_id, a) =>
      a.arn === q ||
      a.name === q ||
      (a.name !== undefined && !q.startsWith('/') && a.name === `/${q}`) ||
      (secret !== null &&
        a.arn !== undefined &&
        parseSecretArn(a.arn)?.withoutSuffix === secret.withoutSuffix),
    (_id, a) =>
      a.address !== null && (a.address === q || a.address.endsWith(`.${q}`) || lastName(a.address) === q),
    (_id, a) =>
      a.address?.toLowerCase().includes(lower) === true || a.name?.toLowerCase().includes(lower) === true,
  ];
  for (const matches of tiers) {
    const found: string[] = [];
    graph.forEachNode((id, a) => {
      if (a.kind !== 'resource' && a.kind !== 'schedule' && a.kind !== 'data' && a.kind !== 'output') return;
      if (options.workspace !== undefined && a.workspace !== options.workspace) return;
      if (matches(id, a)) found.push(id);
    });
    if (found.length === 0) continue;
    const managed = found.filter((id) => graph.getNodeAttribute(id, 'kind') !== 'data');
    const preferred = managed.filter((id) => PRODUCERS.has(graph.getNodeAttribute(id, 'type') ?? ''));
    const list = preferred.length > 0 ? preferred : managed.length > 0 ? managed : found;
    if (list.length === 1) return { ok: true, id: list[0] as string };
    const sorted = [...list].sort();
    const workspaces = new Set(sorted.map((id) => graph.getNodeAttribute(id, 'workspace')));
    return {
      ok: false,
      reason: `"${q}" matches ${sorted.length} nodes: ${sorted.slice(0, LISTED).join(', ')}${sorted.length > LISTED ? ', …' : ''}${
        workspaces.size > 1 && options.workspace === undefined
          ? '; narrow it with --workspace, or give a node id'
          : '; give a node id'
      }`,
      candidates: sorted,
    };
  }
  const suggestions = closest(graph, q, options.workspace);
  return {
    ok: false,
    reason: `no node, name or ARN in the estate matches "${q}"${
      options.workspace !== undefined ? ` in workspace ${options.workspace}` : ''
    }${suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : ''}`,
    candidates: [],
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

/** `module.a.aws_x.y["k"]` → `y`: the name people call a resource by. */
function lastName(address: string): string {
  const bare = address.replace(/\[[^\]]*\]$/, '');
  return bare.slice(bare.lastIndexOf('.') + 1);
}

/** Names and addresses within a few edits of the query, closest first. */
function closest(graph: EstateGraph, q: string, workspace: string | undefined): string[] {
  const limit = Math.max(2, Math.floor(q.length / 4));
  const scored = new Map<string, number>();
  graph.forEachNode((_id, a) => {
    if (a.kind !== 'resource' && a.kind !== 'schedule') return;
    if (workspace !== undefined && a.workspace !== workspace) return;
    for (const candidate of [a.name, a.address, a.address ? lastName(a.address) : undefined]) {
      if (!candidate || Math.abs(candidate.length - q.length) > limit || scored.has(candidate)) continue;
      const d = distance(q, candidate, limit);
      if (d <= limit) scored.set(candidate, d);
    }
  });
  return [...scored]
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, 5)
    .map(([s]) => s);
}

/** Levenshtein distance, giving up (limit + 1) once it exceeds `limit`. */
export function distance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length] as number;
}
