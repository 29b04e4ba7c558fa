import { describe, expect, it } from 'vitest';
import { type LabelRequest, placeLabels } from './place-labels.js';

function request(key: string, x: number, y: number, priority = 1, width = 80): LabelRequest {
  return { key, x, y, size: 5, width, height: 16, priority, sides: ['right', 'left'] };
}

function box(r: LabelRequest, x: number) {
  return { x0: x, x1: x + r.width, y0: r.y - r.height / 2, y1: r.y + r.height / 2 };
}

describe('placeLabels', () => {
  it('draws no label over another, whatever the crowd', () => {
    const requests: LabelRequest[] = [];
    for (let i = 0; i < 400; i++) requests.push(request(`n${i}`, (i * 37) % 600, (i * 53) % 400, i % 7));
    const placed = placeLabels(requests);
    expect(placed.length).toBeGreaterThan(20);
    const byKey = new Map(requests.map((r) => [r.key, r]));
    const boxes = placed.map((p) => box(byKey.get(p.key) as LabelRequest, p.x));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b) continue;
        expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
      }
  });

  it('keeps the more important of two clashing labels, and tries the sides it is given, in order', () => {
    const placed = placeLabels([request('minor', 0, 0, 1), request('major', 30, 4, 5)]);
    expect(placed.map((p) => p.key)).toContain('major');
    expect(placed.find((p) => p.key === 'major')?.x).toBeGreaterThan(30);
    const left = placeLabels([{ ...request('l', 100, 20), sides: ['left', 'right'] }]);
    expect(left[0]?.x).toBeLessThan(100 - 80);
    // Outward only: a label with no room on its side is not drawn on the other.
    const outward = placeLabels([
      request('c', 140, 0, 9, 60),
      { ...request('b', 100, 0, 1, 30), sides: ['right'] },
    ]);
    expect(outward.map((p) => p.key)).toEqual(['c']);
    // Not cut by the viewport: the label goes to the side that fits, or not at all.
    const edge = placeLabels([request('e', 560, 20)], { width: 600, height: 400 });
    expect(edge[0]?.x).toBeLessThan(560);
    expect(placeLabels([request('t', 50, 2)], { width: 600, height: 400 })).toEqual([]);
  });

  it('moves a label to the other side of its node when its side is taken, and drops it when both are', () => {
    const placed = placeLabels([request('c', 140, 0, 9, 60), request('b', 100, 0, 1, 30)]);
    expect(placed.find((p) => p.key === 'c')?.x).toBeGreaterThan(140);
    expect(placed.find((p) => p.key === 'b')?.x).toBeLessThan(100);
    const crowded = placeLabels([
      request('c', 140, 0, 9, 60),
      request('d', 60, 0, 9, 20),
      request('b', 100, 0, 1, 30),
    ]);
    expect(crowded.map((p) => p.key).sort()).toEqual(['c', 'd']);
  });
});
