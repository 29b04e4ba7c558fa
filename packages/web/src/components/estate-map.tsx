import { useEffect, useMemo, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { EstateMap as EstateMapAnswer } from '../api/types.js';
import { attachLabelPlacer } from '../graph/attach-label-placer.js';
import { createHoverDrawer } from '../graph/create-hover-drawer.js';
import {
  createMapGraph,
  type MapEdge,
  type MapGraph,
  type MapNode,
  mapNodeSize,
} from '../graph/create-map-graph.js';
import { mapEdgeReducer, mapNodeReducer } from '../graph/map-reducers.js';
import type { Point } from '../graph/ring-layout.js';
import { runMapLayout } from '../graph/run-map-layout.js';
import { navigate, workspaceHref } from '../router.js';
import { FINDING_COLOR } from './colors.js';
import { useDarkMode } from './use-dark-mode.js';

type Tip =
  | { kind: 'node'; id: string; node: MapNode; consumers: number; producers: number; x: number; y: number }
  | { kind: 'edge'; from: string; to: string; edge: MapEdge; x: number; y: number };

/**
 * The estate at a glance: workspaces as nodes (size by resources, colour by worst finding),
 * consumer → producer edges as thick as their links, laid out by ForceAtlas2 in a worker.
 */
export function EstateMap({ map }: { map: EstateMapAnswer }) {
  const container = useRef<HTMLDivElement>(null);
  const [positions, setPositions] = useState<Map<string, Point> | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const dark = useDarkMode();

  useEffect(() => {
    let live = true;
    setPositions(null);
    runMapLayout({
      nodes: map.workspaces.map((w) => ({ id: w.name, size: mapNodeSize(w.resources) })),
      edges: map.links.map((l) => ({ from: l.from, to: l.to, weight: l.count })),
    }).then(
      (p) => live && setPositions(p),
      (error: Error) => live && setFailed(error.message),
    );
    return () => {
      live = false;
    };
  }, [map]);

  const graph = useMemo<MapGraph | null>(
    () => (positions ? createMapGraph(map, positions) : null),
    [map, positions],
  );

  useEffect(() => {
    if (!graph || !container.current) return;
    let sigma: Sigma<MapNode, MapEdge>;
    try {
      sigma = new Sigma<MapNode, MapEdge>(graph, container.current, {
        itemSizesReference: 'positions',
        zoomToSizeRatioFunction: (ratio) => ratio,
        defaultEdgeType: 'arrow',
        enableEdgeEvents: true,
        hideEdgesOnMove: graph.size > 5000,
        labelRenderedSizeThreshold: 4,
        labelDensity: 1,
        labelGridCellSize: 120,
        zIndex: true,
        labelColor: { color: dark ? '#e6e6e6' : '#1d1d1f' },
        defaultDrawNodeHover: createHoverDrawer(dark ? '#26262e' : '#ffffff', dark ? '#f0f0f4' : '#1d1d1f'),
      });
    } catch (error) {
      setFailed(`WebGL: ${(error as Error).message}`);
      return;
    }
    const detach = attachLabelPlacer(sigma);
    let hovered: string | null = null;
    sigma.setSetting('nodeReducer', (id, data) => mapNodeReducer(graph, hovered, id, data));
    sigma.setSetting('edgeReducer', (id, data) => mapEdgeReducer(graph, hovered, id, data));
    sigma.on('enterNode', ({ node, event }) => {
      hovered = node;
      setTip({
        kind: 'node',
        id: node,
        node: graph.getNodeAttributes(node),
        consumers: graph.inDegree(node),
        producers: graph.outDegree(node),
        x: event.x,
        y: event.y,
      });
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('leaveNode', () => {
      hovered = null;
      setTip(null);
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('enterEdge', ({ edge, event }) => {
      const [from, to] = graph.extremities(edge);
      setTip({ kind: 'edge', from, to, edge: graph.getEdgeAttributes(edge), x: event.x, y: event.y });
    });
    sigma.on('leaveEdge', () => setTip(null));
    sigma.on('clickNode', ({ node }) => navigate(workspaceHref(node)));
    return () => {
      detach();
      sigma.kill();
    };
  }, [graph, dark]);

  const worst = useMemo(() => {
    const counts = { error: 0, warn: 0, info: 0, none: 0 };
    for (const w of map.workspaces) counts[w.worst ?? 'none']++;
    return counts;
  }, [map]);

  return (
    <section className="graph-panel estate-map" aria-labelledby="map-heading">
      <div className="graph-toolbar">
        <h2 id="map-heading">Estate map</h2>
        <span className="muted" data-testid="map-counts">
          {map.workspaces.length} workspaces · {map.links.length} links between them
        </span>
        {!positions && !failed && (
          <span className="muted" role="status">
            laying out…
          </span>
        )}
      </div>
      <div className="graph-canvas" ref={container} data-testid="map-canvas">
        {tip && <MapTip tip={tip} />}
        {failed && <p className="error-box">The map cannot be drawn here ({failed}).</p>}
      </div>
      <ul className="legend" aria-label="Legend">
        {(['error', 'warn', 'info', 'none'] as const).map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: FINDING_COLOR[s] }} />{' '}
            {s === 'none' ? 'no finding' : `worst finding: ${s}`} ({worst[s]})
          </li>
        ))}
        <li className="muted">
          bigger dot = more resources · thicker arrow = more links · arrows point consumer → producer · click
          a workspace to open it
        </li>
      </ul>
    </section>
  );
}

function MapTip({ tip }: { tip: Tip }) {
  return (
    <div className="graph-tooltip" style={{ left: tip.x + 14, top: tip.y + 14 }} role="tooltip">
      {tip.kind === 'node' ? (
        <>
          <strong>{tip.id}</strong>
          <div className="muted">
            {tip.node.resources} resources · {tip.node.secrets} secrets
          </div>
          <div>
            read by {tip.consumers} workspace{tip.consumers === 1 ? '' : 's'} · reads {tip.producers}
          </div>
          <div>
            findings: {tip.node.findings.error} error · {tip.node.findings.warn} warn ·{' '}
            {tip.node.findings.info} info
          </div>
        </>
      ) : (
        <>
          <strong>
            {tip.from} → {tip.to}
          </strong>
          <div>
            {tip.edge.count} link{tip.edge.count === 1 ? '' : 's'}:{' '}
            {Object.entries(tip.edge.kinds)
              .sort(([, a], [, b]) => b - a)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}
          </div>
        </>
      )}
    </div>
  );
}
