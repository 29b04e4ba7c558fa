import type { Impact, PathStep } from '@impact/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import Sigma from 'sigma';
import { NodePointProgram } from 'sigma/rendering';
import type { Subgraph } from '../api/types.js';
import { attachLabelPlacer } from '../graph/attach-label-placer.js';
import { createHoverDrawer } from '../graph/create-hover-drawer.js';
import { createDisplayGraph, type DisplayEdge, type DisplayNode } from '../graph/display-graph.js';
import { type ColourBy, edgeReducer, nodeReducer, type ViewState } from '../graph/display-reducers.js';
import { navigate, nodeHref } from '../router.js';
import { GraphLegend } from './graph-legend.js';
import { GraphTooltip, type Hover } from './graph-tooltip.js';
import { useDarkMode } from './use-dark-mode.js';

/** Above this many nodes the drawing opens folded by workspace (a click unfolds it). */
const AUTO_COLLAPSE = 2000;
/**
 * Above this many nodes each is drawn as one GL point rather than a quad: in Chromium's software
 * WebGL (no GPU) a frame of 20,000 quads took ~1 s, of points under 100 ms; on a GPU both are cheap.
 */
const POINTS_ABOVE = 5000;
/** Screen pixels per layout unit of a node's size in a large drawing (4 → 1.6 px, the change 6.4 px). */
const BIG_SIZE_SCALE = 0.4;

export interface BlastGraphProps {
  subgraph: Subgraph;
  impacts: Impact[];
}

export function BlastGraph({ subgraph, impacts }: BlastGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma<DisplayNode, DisplayEdge> | null>(null);
  const [collapse, setCollapse] = useState(subgraph.nodes.length > AUTO_COLLAPSE);
  const [colourBy, setColourBy] = useState<ColourBy>('workspace');
  const [search, setSearch] = useState('');
  const [hover, setHover] = useState<Hover | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const dark = useDarkMode();

  const graph = useMemo(() => createDisplayGraph(subgraph, { collapse }), [subgraph, collapse]);
  const impactById = useMemo(() => new Map(impacts.map((i) => [i.id, i])), [impacts]);
  const evidence = useMemo(() => evidenceIndex(impacts), [impacts]);

  // Display state the reducers read; kept in a ref so a hover does not rebuild sigma.
  const view = useRef<ViewState>({ hovered: null, colourBy, search: '' });

  useEffect(() => {
    if (!container.current) return;
    let sigma: Sigma<DisplayNode, DisplayEdge>;
    try {
      const big = graph.order > POINTS_ABOVE;
      // Sizes in layout units: the ring layout keeps nodes apart in the same units it draws them.
      // A large drawing is a disc of thousands: its points keep a few pixels to stay visible.
      view.current.sizeScale = big ? BIG_SIZE_SCALE : undefined;
      sigma = new Sigma<DisplayNode, DisplayEdge>(graph, container.current, {
        itemSizesReference: big ? 'screen' : 'positions',
        ...(big ? {} : { zoomToSizeRatioFunction: (ratio: number) => ratio }),
        renderEdgeLabels: true,
        enableEdgeEvents: graph.size <= 5000,
        hideEdgesOnMove: graph.size > 5000,
        defaultEdgeType: 'arrow',
        labelRenderedSizeThreshold: 3,
        labelGridCellSize: 90,
        zIndex: true,
        ...(graph.order > POINTS_ABOVE ? { nodeProgramClasses: { circle: NodePointProgram } } : {}),
      });
    } catch (error) {
      setFailed((error as Error).message);
      return;
    }
    setFailed(null);
    sigmaRef.current = sigma;
    const centre = graph.findNode((_, a) => a.distance === 0);
    const detachLabels = attachLabelPlacer(sigma, {
      centre: () => (centre ? sigma.graphToViewport(graph.getNodeAttributes(centre)) : null),
    });
    // A fixed frame round the origin keeps the changed node near the centre whatever the rings
    // hold, with extra room on the right, where labels run.
    let extent = 1;
    graph.forEachNode((_, a) => {
      extent = Math.max(extent, Math.abs(a.x) + a.size, Math.abs(a.y) + a.size);
    });
    // Labels run outward on both sides of the rings: room on the left and the right alike.
    sigma.setCustomBBox({ x: [-extent * 1.25, extent * 1.25], y: [-extent * 1.02, extent * 1.02] });
    sigma.setSetting('nodeReducer', (id, data) => nodeReducer(graph, view.current, id, data));
    sigma.setSetting('edgeReducer', (id, data) => edgeReducer(graph, view.current, id, data));
    sigma.on('enterNode', ({ node, event }) => {
      view.current.hovered = node;
      const impact = impactById.get(node);
      const attrs = graph.getNodeAttributes(node);
      setHover({
        kind: 'node',
        id: node,
        node: attrs,
        x: event.x,
        y: event.y,
        ...(impact ? { impact } : {}),
      });
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('leaveNode', () => {
      view.current.hovered = null;
      setHover(null);
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('enterEdge', ({ edge, event }) => {
      const [from, to] = graph.extremities(edge);
      const { kind, label } = graph.getEdgeAttributes(edge);
      const step = evidence.get(`${from}|${to}|${kind}`);
      setHover({ kind: 'edge', from, to, label, x: event.x, y: event.y, ...(step ? { step } : {}) });
    });
    sigma.on('leaveEdge', () => setHover(null));
    sigma.on('clickNode', ({ node }) => {
      const attrs = graph.getNodeAttributes(node);
      if (attrs.members.length > 0) setCollapse(false);
      else navigate(nodeHref(node));
    });
    return () => {
      sigmaRef.current = null;
      detachLabels();
      sigma.kill();
    };
  }, [graph, impactById, evidence]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new graph means a new sigma to configure
  useEffect(() => {
    const sigma = sigmaRef.current;
    view.current.colourBy = colourBy;
    view.current.search = search.trim().toLowerCase();
    if (!sigma) return;
    sigma.setSetting('labelColor', { color: dark ? '#e6e6e6' : '#1d1d1f' });
    sigma.setSetting('edgeLabelColor', { color: dark ? '#b0b0b8' : '#55555c' });
    sigma.setSetting('defaultEdgeColor', dark ? '#6b6b78' : '#b4b4bc');
    sigma.setSetting(
      'defaultDrawNodeHover',
      createHoverDrawer(dark ? '#26262e' : '#ffffff', dark ? '#f0f0f4' : '#1d1d1f'),
    );
    sigma.refresh({ skipIndexation: true });
  }, [colourBy, search, dark, graph]);

  return (
    <section className="graph-panel" aria-label="Blast radius graph">
      <div className="graph-toolbar">
        <label>
          <input type="checkbox" checked={collapse} onChange={(e) => setCollapse(e.target.checked)} />{' '}
          Collapse by workspace
        </label>
        <label>
          Colour by{' '}
          <select value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)}>
            <option value="workspace">workspace</option>
            <option value="severity">severity</option>
          </select>
        </label>
        <label>
          Find{' '}
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="address"
          />
        </label>
        <span className="muted">
          {graph.order} nodes · {graph.size} edges{graph.size > 5000 ? ' (hover a node for its own)' : ''}
          {subgraph.truncated > 0 ? ` · ${subgraph.truncated} more not drawn` : ''}
        </span>
      </div>
      <div className="graph-canvas" ref={container} data-testid="graph-canvas">
        {hover && <GraphTooltip hover={hover} />}
        {failed && <p className="error-box">The graph cannot be drawn here (WebGL: {failed}).</p>}
      </div>
      <GraphLegend graph={graph} colourBy={colourBy} />
    </section>
  );
}

function evidenceIndex(impacts: Impact[]): Map<string, PathStep> {
  const index = new Map<string, PathStep>();
  for (const impact of impacts)
    for (const path of [impact.path, ...(impact.otherPaths ?? [])])
      for (const step of path) index.set(`${step.from}|${step.to}|${step.kind}`, step);
  return index;
}
