import type { Subgraph } from '../api/types.js';

export interface Point {
  x: number;
  y: number;
}

const RING = 10;
/** Arc length kept between neighbours on a ring, in layout units. */
const SPACING = 14;
/** Vertical gap between changed nodes stacked at the centre. */
const COLUMN = 4;
/** Rings start a little past the top, so no consumer sits right on the centre's label line. */
const TURN = 0.35;

/**
 * Deterministic rings: the changed node(s) in the centre, every other node on the ring of its hop
 * distance. On each ring a node sits near the mean angle of what it depends on one ring in, so
 * paths run outward instead of across; ties break on workspace, then id, so one answer is one picture.
 */
export function ringLayout(subgraph: Pick<Subgraph, 'nodes' | 'edges'>): Map<string, Point> {
  const byDistance = new Map<number, string[]>();
  const distance = new Map<string, number>();
  const workspace = new Map<string, string>();
  for (const n of subgraph.nodes) {
    distance.set(n.id, n.distance);
    workspace.set(n.id, n.workspace);
    const ring = byDistance.get(n.distance) ?? [];
    ring.push(n.id);
    byDistance.set(n.distance, ring);
  }
  const inward = new Map<string, string[]>();
  for (const e of subgraph.edges) {
    const df = distance.get(e.from);
    const dt = distance.get(e.to);
    if (df === undefined || dt === undefined || df !== dt + 1) continue;
    const list = inward.get(e.from) ?? [];
    list.push(e.to);
    inward.set(e.from, list);
  }

  const angle = new Map<string, number>();
  const positions = new Map<string, Point>();
  const rings = [...byDistance.keys()].sort((a, b) => a - b);
  let previous = 0;
  for (const d of rings) {
    const ids = byDistance.get(d) ?? [];
    const wanted = new Map<string, number>();
    for (const id of ids) wanted.set(id, meanAngle((inward.get(id) ?? []).map((p) => angle.get(p))));
    ids.sort(
      (a, b) =>
        (wanted.get(a) ?? 0) - (wanted.get(b) ?? 0) ||
        (workspace.get(a) ?? '').localeCompare(workspace.get(b) ?? '') ||
        a.localeCompare(b),
    );
    if (d === 0) {
      // Several changed nodes (a plan) stand in a column at the centre: labels run to the right,
      // so stacked nodes never write over each other.
      ids.forEach((id, i) => {
        angle.set(id, (2 * Math.PI * i) / ids.length - Math.PI / 2);
        positions.set(id, { x: 0, y: round((i - (ids.length - 1) / 2) * COLUMN) });
      });
      previous = (ids.length * COLUMN) / 2;
      continue;
    }
    // A crowded ring grows so neighbours keep room for their labels, and staggers every other node.
    const radius = Math.max(previous + RING, (ids.length * SPACING) / (2 * Math.PI));
    const stagger = ids.length > 6 ? RING * 0.6 : 0;
    ids.forEach((id, i) => {
      const a = (2 * Math.PI * i) / ids.length - Math.PI / 2 + TURN;
      const r = radius + (i % 2) * stagger;
      angle.set(id, a);
      positions.set(id, { x: round(r * Math.cos(a)), y: round(r * Math.sin(a)) });
    });
    previous = radius + stagger;
  }
  return positions;
}

function meanAngle(angles: (number | undefined)[]): number {
  let x = 0;
  let y = 0;
  for (const a of angles) {
    if (a === undefined) continue;
    x += Math.cos(a);
    y += Math.sin(a);
  }
  if (x === 0 && y === 0) return 0;
  // Normalised to [0, 2π) from the top, matching the order nodes are laid out in.
  return (Math.atan2(y, x) + Math.PI / 2 + 2 * Math.PI) % (2 * Math.PI);
}

function round(v: number): number {
  // `+ 0` turns -0 into 0, so the same layout prints the same.
  return Math.round(v * 1000) / 1000 + 0;
}
