import { describe, expect, it } from 'vitest';
import { layoutEstateMap, type MapLayoutInput } from './layout-estate-map.js';

/** A seeded estate of `n` workspaces: a few producers, each consumer reading one or two of them. */
function estate(n: number, seed: number): MapLayoutInput {
  let s = seed;
  const random = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const producers = Math.max(1, Math.floor(n / 10));
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `ws-${i}`, size: 4 + 12 * random() }));
  const edges: MapLayoutInput['edges'] = [];
  for (let i = producers; i < n; i++)
    for (let k = 0; k < 1 + Math.floor(random() * 2); k++)
      edges.push({
        from: `ws-${i}`,
        to: `ws-${Math.floor(random() * producers)}`,
        weight: 1 + Math.floor(random() * 40),
      });
  return { nodes, edges };
}

describe('layoutEstateMap', () => {
  it('places every workspace, the same way whatever the input order', () => {
    const input = estate(60, 3);
    const a = layoutEstateMap(input);
    const b = layoutEstateMap({ nodes: [...input.nodes].reverse(), edges: [...input.edges].reverse() });
    expect(a.size).toBe(60);
    expect([...b].sort()).toEqual([...a].sort());
  });

  it('stacks no node on another', () => {
    const input = estate(120, 11);
    const at = layoutEstateMap(input);
    const size = new Map(input.nodes.map((n) => [n.id, n.size]));
    const ids = [...at.keys()];
    let overlaps = 0;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const p = at.get(ids[i] ?? '');
        const q = at.get(ids[j] ?? '');
        if (!p || !q) continue;
        const gap =
          Math.hypot(p.x - q.x, p.y - q.y) - (size.get(ids[i] ?? '') ?? 0) - (size.get(ids[j] ?? '') ?? 0);
        if (gap < 0) overlaps++;
      }
    expect(overlaps).toBe(0);
  });

  it('puts linked workspaces nearer each other than unlinked ones, on average', () => {
    const input = estate(80, 5);
    const at = layoutEstateMap(input);
    const dist = (a: string, b: string) => {
      const p = at.get(a);
      const q = at.get(b);
      return p && q ? Math.hypot(p.x - q.x, p.y - q.y) : 0;
    };
    const linked = input.edges.map((e) => dist(e.from, e.to));
    const ids = input.nodes.map((n) => n.id);
    const any: number[] = [];
    for (let i = 0; i < ids.length; i += 3)
      for (let j = i + 1; j < ids.length; j += 7) any.push(dist(ids[i] ?? '', ids[j] ?? ''));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(linked)).toBeLessThan(mean(any));
  });
});
