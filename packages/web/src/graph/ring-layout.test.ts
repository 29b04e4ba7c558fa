import { describe, expect, it } from 'vitest';
import recorded from '../../test/data/orders-db-delete.json' with { type: 'json' };
import type { Subgraph } from '../api/types.js';
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
