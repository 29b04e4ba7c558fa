export interface LabelRequest {
  key: string;
  /** The node's centre and rendered radius, in viewport pixels. */
  x: number;
  y: number;
  size: number;
  width: number;
  height: number;
  /** Higher goes first; ties by key, so one picture is one picture. */
  priority: number;
  /** The sides it may go, in order: outward only on a ring (a label across the rings hides them), else right then left. */
  sides: readonly ('right' | 'left')[];
}

export interface PlacedLabel {
  key: string;
  /** Left edge and vertical centre of the text box. */
  x: number;
  y: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const GAP = 3;
const CELL = 64;

/**
 * Greedy label placement without overlap: labels in priority order, each on the first of its
 * allowed sides of its node that is free, kept only where its box meets no label already placed
 * and no node disc but its own, and (given `bounds`) not cut by the viewport's edge. Sigma's label grid chooses candidates per cell; this decides
 * which of them can be drawn without writing over another. O(n) with a spatial hash.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds?: { width: number; height: number },
): PlacedLabel[] {
  const inside = (box: Box) =>
    !bounds || (box.x0 >= 0 && box.y0 >= 0 && box.x1 <= bounds.width && box.y1 <= bounds.height);
  const grid = new Map<number, { box: Box; owner: string }[]>();
  const add = (box: Box, owner: string) => {
    for (const cell of cells(box)) {
      const list = grid.get(cell);
      if (list) list.push({ box, owner });
      else grid.set(cell, [{ box, owner }]);
    }
  };
  const free = (box: Box, self: string) => {
    for (const cell of cells(box))
      for (const other of grid.get(cell) ?? [])
        if (other.owner !== self && overlaps(box, other.box)) return false;
    return true;
  };
  // Every candidate's disc is an obstacle for the others' labels.
  for (const r of requests)
    add({ x0: r.x - r.size, y0: r.y - r.size, x1: r.x + r.size, y1: r.y + r.size }, r.key);
  const ordered = [...requests].sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : 1));
  const placed: PlacedLabel[] = [];
  for (const r of ordered) {
    for (const side of r.sides) {
      const x = side === 'right' ? r.x + r.size + GAP : r.x - r.size - GAP - r.width;
      const box = { x0: x - 1, y0: r.y - r.height / 2, x1: x + r.width + 1, y1: r.y + r.height / 2 };
      if (!inside(box) || !free(box, r.key)) continue;
      add(box, r.key);
      placed.push({ key: r.key, x, y: r.y });
      break;
    }
  }
  return placed;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function cells(box: Box): number[] {
  const out: number[] = [];
  const cx0 = Math.floor(box.x0 / CELL);
  const cx1 = Math.floor(box.x1 / CELL);
  const cy0 = Math.floor(box.y0 / CELL);
  const cy1 = Math.floor(box.y1 / CELL);
  // Viewport coordinates fit well within ±2^15 cells: pack both into one number.
  for (let cx = cx0; cx <= cx1; cx++)
    for (let cy = cy0; cy <= cy1; cy++) out.push((cx + 32_768) * 65_536 + (cy + 32_768));
  return out;
}
