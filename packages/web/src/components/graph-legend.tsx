import type { Severity } from '@impact/core';
import type { DisplayGraph } from '../graph/display-graph.js';
import { SEVERITY_COLOR } from './colors.js';

const SEVERITIES: Severity[] = ['irrecoverable', 'breaks', 'degraded', 'info'];

export function GraphLegend({
  graph,
  colourBy,
}: {
  graph: DisplayGraph;
  colourBy: 'workspace' | 'severity';
}) {
  const colors = new Map(graph.mapNodes((_, a) => [a.workspace, a.color] as const));
  const workspaces = [...colors.keys()].sort();
  return (
    <ul className="legend" aria-label="Legend">
      {colourBy === 'workspace'
        ? workspaces.map((w) => (
            <li key={w}>
              <span className="swatch" style={{ background: colors.get(w) }} /> {w}
            </li>
          ))
        : SEVERITIES.map((s) => (
            <li key={s}>
              <span className="swatch" style={{ background: SEVERITY_COLOR[s] }} /> {s}
            </li>
          ))}
      <li className="muted">bigger dot = worse severity · arrows point consumer → producer</li>
    </ul>
  );
}
