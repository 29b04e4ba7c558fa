import { describe, expect, it } from 'vitest';
import recorded from '../../test/data/orders-db-delete.json' with { type: 'json' };
import type { Subgraph } from '../api/types.js';
import { blastNodeSize } from './blast-node-size.js';
import { collapseByWorkspace, GROUP_PREFIX } from './collapse-by-workspace.js';
import { createDisplayGraph } from './display-graph.js';
import { ringLayout } from './ring-layout.js';

const subgraph = recorded.subgraph as unknown as Subgraph;

describe('ringLayout', () => {
  it('puts the changed node in the centre and each hop on a wider ring', () => {
    const positions = ringLayout(subgraph);
    const root = subgraph.nodes.find((n) => n.distance === 0);
    expect(positions.get(root?.id ?? '')).toEqual({ x: 0, y: 0 });
    const radius = (id: string) => Math.hypot(positions.get(id)?.x ?? 0, positions.get(id)?.y ?? 0);
    const byDistance = new Map<number, number[]>();
    for (const n of subgraph.nodes)
      byDistance.set(n.distance, [...(byDistance.get(n.distance) ?? []), radius(n.id)]);
    const rings = [...byDistance.keys()].sort((a, b) => a - b);
    for (let i = 1; i < rings.length; i++) {
      const inner = Math.max(...(byDistance.get(rings[i - 1] ?? 0) ?? []));
      const outer = Math.min(...(byDistance.get(rings[i] ?? 0) ?? []));
      expect(outer).toBeGreaterThan(inner);
    }
  });

  it('is deterministic whatever the input order', () => {
    const shuffled = { nodes: [...subgraph.nodes].reverse(), edges: [...subgraph.edges].reverse() };
    expect([...ringLayout(shuffled)].sort()).toEqual([...ringLayout(subgraph)].sort());
  });
});

describe('collapseByWorkspace', () => {
  it('folds each workspace into one node, keeps the changed node, and leaves the input alone', () => {
    const before = JSON.stringify(subgraph);
    const collapsed = collapseByWorkspace(subgraph);
    expect(JSON.stringify(subgraph)).toBe(before);
    const workspaces = new Set(subgraph.nodes.filter((n) => n.distance > 0).map((n) => n.workspace));
    expect(collapsed.nodes.filter((n) => n.id.startsWith(GROUP_PREFIX))).toHaveLength(workspaces.size);
    expect(collapsed.nodes.filter((n) => n.distance === 0)).toHaveLength(1);
    const members = collapsed.nodes.reduce((sum, n) => sum + n.members.length, 0);
    expect(members).toBe(subgraph.nodes.length - 1);
  });

  it('builds a display graph with edges labelled by kind', () => {
    const graph = createDisplayGraph(subgraph, { collapse: false });
    expect(graph.order).toBe(subgraph.nodes.length);
    expect(graph.size).toBe(subgraph.edges.length);
    const kinds = new Set(graph.mapEdges((_, a) => a.label));
    expect(kinds).toEqual(new Set(subgraph.edges.map((e) => e.kind)));
  });
});

describe('a large answer', () => {
  // A seeded tree-ish subgraph of 3,000 nodes over 12 workspaces: layout and collapse stay fast.
  function generate(n: number, seed: number): Subgraph {
    let s = seed;
    const random = () => {
      s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
      return s / 2_147_483_648;
    };
    const nodes: Subgraph['nodes'] = [
      { id: 'n0', label: 'n0', kind: 'resource', workspace: 'w0', distance: 0 },
    ];
    const edges: Subgraph['edges'] = [];
    for (let i = 1; i < n; i++) {
      const parent = nodes[Math.floor(random() * nodes.length)] ?? nodes[0];
      const node = {
        id: `n${i}`,
        label: `n${i}`,
        kind: 'resource' as const,
        workspace: `w${Math.floor(random() * 12)}`,
        distance: (parent?.distance ?? 0) + 1,
        severity: 'breaks' as const,
      };
      nodes.push(node);
      edges.push({
        key: `e${i}`,
        from: node.id,
        to: parent?.id ?? 'n0',
        kind: 'arn_reference',
        confidence: 'exact',
      });
    }
    return { nodes, edges, truncated: 0 };
  }

  it('lays out and collapses 3,000 nodes quickly', () => {
    const big = generate(3000, 7);
    const started = performance.now();
    const positions = ringLayout(big);
    const graph = createDisplayGraph(big, { collapse: true });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(positions.size).toBe(3000);
    expect(graph.order).toBe(13);
  });
});

describe('rings with collision', () => {
  function star(hop1: number, perHop1: number): Subgraph {
    const nodes: Subgraph['nodes'] = [
      { id: 'key', label: 'key', kind: 'resource', workspace: 'p', distance: 0 },
    ];
    const edges: Subgraph['edges'] = [];
    for (let i = 0; i < hop1; i++) {
      nodes.push({
        id: `s${i}`,
        label: `s${i}`,
        kind: 'resource',
        workspace: `w${i % 12}`,
        distance: 1,
        severity: 'breaks',
      });
      edges.push({ key: `e${i}`, from: `s${i}`, to: 'key', kind: 'encrypts', confidence: 'exact' });
      for (let j = 0; j < perHop1; j++) {
        nodes.push({
          id: `r${i}.${j}`,
          label: `r${i}.${j}`,
          kind: 'resource',
          workspace: `w${i % 12}`,
          distance: 2,
        });
        edges.push({
          key: `e${i}.${j}`,
          from: `r${i}.${j}`,
          to: `s${i}`,
          kind: 'arn_reference',
          confidence: 'exact',
        });
      }
    }
    return { nodes, edges, truncated: 0 };
  }

  function overlaps(subgraph: Subgraph): number {
    const at = ringLayout(subgraph);
    const sizes = new Map(subgraph.nodes.map((n) => [n.id, blastNodeSize(n)]));
    // A grid of cells as wide as the biggest node: only neighbouring cells can overlap.
    const cell = 2 * Math.max(...sizes.values());
    const grid = new Map<string, string[]>();
    for (const [id, p] of at) {
      const k = `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
      grid.set(k, [...(grid.get(k) ?? []), id]);
    }
    let found = 0;
    for (const [id, p] of at) {
      const cx = Math.floor(p.x / cell);
      const cy = Math.floor(p.y / cell);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (const other of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (other <= id) continue;
            const q = at.get(other) as { x: number; y: number };
            if (Math.hypot(p.x - q.x, p.y - q.y) < (sizes.get(id) ?? 0) + (sizes.get(other) ?? 0)) found++;
          }
    }
    return found;
  }

  it('keeps a key with 60 consumers on one circle, with no node on another', () => {
    const subgraph = star(60, 1);
    const at = ringLayout(subgraph);
    const radii = new Set(
      subgraph.nodes
        .filter((n) => n.distance === 1)
        .map((n) => Math.round(Math.hypot(at.get(n.id)?.x ?? 0, at.get(n.id)?.y ?? 0))),
    );
    expect(radii.size).toBe(1);
    expect(overlaps(subgraph)).toBe(0);
  });

  it('spreads 20,000 nodes over tracks without stacking any', () => {
    const subgraph = star(200, 100);
    expect(subgraph.nodes.length).toBe(20_201);
    expect(overlaps(subgraph)).toBe(0);
  });
});
