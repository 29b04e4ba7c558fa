import type { Impact, PathStep } from '@impact/core';
import { consumerKindOf } from '@impact/core';
import type { DisplayNode } from '../graph/display-graph.js';
import { ConsumerKindBadge } from './consumer-kind-badge.js';

export type Hover =
  | { kind: 'node'; id: string; node: DisplayNode; impact?: Impact; x: number; y: number }
  | { kind: 'edge'; from: string; to: string; label: string; step?: PathStep; x: number; y: number };

/** What the pointer is over, with its evidence; never a value, only names, attributes and ARNs. */
export function GraphTooltip({ hover }: { hover: Hover }) {
  return (
    <div className="graph-tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }} role="tooltip">
      {hover.kind === 'node' ? <NodeTip hover={hover} /> : <EdgeTip hover={hover} />}
    </div>
  );
}

function NodeTip({ hover }: { hover: Extract<Hover, { kind: 'node' }> }) {
  const { node, impact } = hover;
  return (
    <>
      <strong>{node.label}</strong>
      <div className="muted">
        {node.members.length > 0 ? `${node.members.length} nodes in ` : `${node.kind} in `}
        {node.workspace}
        {node.distance > 0 ? ` · ${node.distance} hop${node.distance > 1 ? 's' : ''}` : ' · changed'}
      </div>
      {node.severity && <div className={`sev-text-${node.severity}`}>{node.severity}</div>}
      {impact && (
        <div>
          <ConsumerKindBadge kind={consumerKindOf(impact, impact.path[0])} /> {impact.reason}
        </div>
      )}
      {impact?.path[0] && (
        <div className="mono">
          via {impact.path[0].kind} at {impact.path[0].attribute}
          {impact.path[0].evidence ? ` (${impact.path[0].evidence})` : ''}
        </div>
      )}
      {node.members.length > 0 && <div className="muted">click to expand workspaces</div>}
    </>
  );
}

function EdgeTip({ hover }: { hover: Extract<Hover, { kind: 'edge' }> }) {
  const { step } = hover;
  return (
    <>
      <strong>{hover.label}</strong>
      <div className="mono">
        {hover.from} → {hover.to}
      </div>
      {step ? (
        <>
          <div>
            attribute <span className="mono">{step.attribute}</span> · {step.confidence}
          </div>
          {step.evidence && <div className="mono">{step.evidence}</div>}
        </>
      ) : (
        <div className="muted">not on a shortest path; open the consumer for its evidence</div>
      )}
    </>
  );
}
