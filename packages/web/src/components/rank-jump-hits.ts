import type { NodeView, SecretView } from '../api/types.js';

export interface JumpHit {
  id: string;
  /** What the option shows first: a secret's or parameter's name, else the node's label. */
  title: string;
  /** What it is and where: service or kind and type, then workspace. */
  detail: string;
  secret: boolean;
}

/**
 * Secrets first (they are what the box is mostly for), named by their names, then every other
 * node the search found; within each group exact matches, then prefixes, then the rest, each in
 * the order the API gave. One hit per node.
 */
export function rankJumpHits(q: string, secrets: SecretView[], nodes: NodeView[], limit = 12): JumpHit[] {
  const needle = q.trim().toLowerCase();
  const score = (...fields: (string | null | undefined)[]) => {
    const values = fields.filter((f): f is string => !!f).map((f) => f.toLowerCase());
    if (values.some((v) => v === needle)) return 0;
    if (values.some((v) => v.startsWith(needle) || v.endsWith(`/${needle}`))) return 1;
    return 2;
  };
  const ranked = <T>(items: T[], key: (t: T) => number) =>
    items
      .map((item, i) => ({ item, i, s: key(item) }))
      .sort((a, b) => a.s - b.s || a.i - b.i)
      .map((x) => x.item);
  const hits: JumpHit[] = [];
  const seen = new Set<string>();
  for (const s of ranked(secrets, (s) => score(s.name, s.arn, s.id, s.address))) {
    seen.add(s.id);
    hits.push({
      id: s.id,
      title: s.name || s.address,
      detail: `${s.service} · ${s.workspace}`,
      secret: true,
    });
  }
  for (const n of ranked(nodes, (n) => score(n.name, n.arn, n.id, n.address))) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    hits.push({
      id: n.id,
      title: n.secret && n.name ? n.name : n.label,
      detail: `${n.type ?? n.kind} · ${n.workspace}`,
      secret: n.secret !== undefined,
    });
  }
  return hits.slice(0, limit);
}
