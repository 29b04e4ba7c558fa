import type { Subgraph } from '../api/types.js';
import { blastNodeSize } from './blast-node-size.js';

export interface Point {
  x: number;
  y: number;
}

type LayoutNode = Subgraph['nodes'][number] & { members?: readonly string[] };

/** Free space between the discs of two neighbours on a track, in layout units. */
const GAP = 6;
/** Free space between two rings (hop distances), where the arrows run. */
const RING_GAP = 36;
/** Rings start a little past the top, so no consumer sits right on the centre's label line. */
const TURN = 0.35;
/** Up to this many nodes a ring widens to stay one circle (labels read best there); beyond, tracks. */
const ONE_CIRCLE = 120;

/**
 * Deterministic rings with collision: the changed node(s) in the centre, every other node on the
 * ring of its hop distance. A ring whose nodes do not fit on one circle without touching is
 * spread over concentric tracks, each filled in proportion to its length, so a hub with thousands
 * of consumers becomes a dense band, never stacked nodes. On each ring a node sits near the mean
 * angle of what it depends on one ring in, so paths run outward instead of across; ties break on
 * workspace, then id, so one answer is one picture.
 */
export function ringLayout(subgraph: { nodes: LayoutNode[]; edges: Subgraph['edges'] }): Map<string, Point> {
  const byDistance = new Map<number, LayoutNode[]>();
  const distance = new Map<string, number>();
  for (const n of subgraph.nodes) {
    distance.set(n.id, n.distance);
    const ring = byDistance.get(n.distance) ?? [];
    ring.push(n);
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
  let previous = 0;
  for (const d of [...byDistance.keys()].sort((a, b) => a - b)) {
    const ring = byDistance.get(d) ?? [];
    const wanted = new Map<string, number>();
    for (const n of ring) wanted.set(n.id, meanAngle((inward.get(n.id) ?? []).map((p) => angle.get(p))));
    ring.sort(
      (a, b) =>
        (wanted.get(a.id) ?? 0) - (wanted.get(b.id) ?? 0) ||
        a.workspace.localeCompare(b.workspace) ||
        a.id.localeCompare(b.id),
    );
    const size = Math.max(...ring.map((n) => blastNodeSize(n)));
    if (d === 0) {
      // Several changed nodes (a plan) stand in a column at the centre: labels run to the right,
      // so stacked nodes never write over each other.
      const column = 2 * size + GAP;
      ring.forEach((n, i) => {
        angle.set(n.id, (2 * Math.PI * i) / ring.length - Math.PI / 2);
        positions.set(n.id, { x: 0, y: round((i - (ring.length - 1) / 2) * column) });
      });
      previous = ((ring.length - 1) * column) / 2 + size;
      continue;
    }
    const slots = trackSlots(ring.length, previous + RING_GAP + size, size);
    ring.forEach((n, i) => {
      const slot = slots[i] ?? { angle: 0, radius: previous + RING_GAP + size };
      angle.set(n.id, slot.angle);
      positions.set(n.id, {
        x: round(slot.radius * Math.cos(slot.angle)),
        y: round(slot.radius * Math.sin(slot.angle)),
      });
    });
    previous = Math.max(...slots.map((s) => s.radius)) + size;
  }
  return positions;
}

interface Slot {
  angle: number;
  radius: number;
  /** Angle from the top, clockwise in screen terms, in [0, 2π): the order slots are handed out. */
  fromTop: number;
}

/**
 * `count` places on concentric tracks from radius `inner` outward, none closer to another than
 * two node radii and a gap: as many tracks as needed, each holding a share proportional to its
 * circumference. Sorted by angle, so nodes sorted by wanted angle keep their order.
 */
function trackSlots(count: number, inner: number, size: number): Slot[] {
  const spacing = 2 * size + GAP;
  const radii: number[] = [];
  const capacity: number[] = [];
  let total = 0;
  const first = Math.max(inner, (Math.min(count, ONE_CIRCLE) * spacing) / (2 * Math.PI));
  for (let r = first; total < count; r += spacing) {
    const cap = Math.max(1, Math.floor((2 * Math.PI * r) / spacing));
    radii.push(r);
    capacity.push(cap);
    total += cap;
  }
  // Shares in proportion to capacity, never above it; the remainder goes to the outer tracks.
  const counts = capacity.map((c) => Math.min(c, Math.floor((count * c) / total)));
  let left = count - counts.reduce((a, b) => a + b, 0);
  for (let t = counts.length - 1; left > 0; t = t === 0 ? counts.length - 1 : t - 1) {
    if ((counts[t] ?? 0) < (capacity[t] ?? 0)) {
      counts[t] = (counts[t] ?? 0) + 1;
      left--;
    }
  }
  const slots: Slot[] = [];
  radii.forEach((radius, t) => {
    const n = counts[t] ?? 0;
    // Alternate tracks are offset by half a step, so neighbours across tracks do not line up.
    for (let j = 0; j < n; j++) {
      const fromTop = (2 * Math.PI * (j + (t % 2) * 0.5)) / n;
      slots.push({ angle: fromTop - Math.PI / 2 + TURN, radius, fromTop });
    }
  });
  return slots.sort((a, b) => a.fromTop - b.fromTop || a.radius - b.radius);
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
  // Normalised to [0, 2π) from the top (minus the turn), matching the order slots are handed out in.
  return (Math.atan2(y, x) + Math.PI / 2 - TURN + 4 * Math.PI) % (2 * Math.PI);
}

function round(v: number): number {
  // `+ 0` turns -0 into 0, so the same layout prints the same.
  return Math.round(v * 1000) / 1000 + 0;
}
