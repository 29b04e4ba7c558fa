import type { ImpactResult } from '@impact/core';
import { useMemo } from 'react';
import type { Subgraph } from '../api/types.js';
import { BlastGraph } from './blast-graph.js';
import { ImpactedList } from './impacted-list.js';

/** The graph and, beside it, the impacted list: shared by a node's page and a plan's report. */
export interface ImpactViewProps {
  result: ImpactResult;
  subgraph: Subgraph;
  /** What to draw, when more than the listed impacts (a node's whole radius); default `subgraph`. */
  drawing?: Subgraph;
  /** Direct dependents of the changed node, when known: what the note says when nothing breaks. */
  dependents?: number;
  action?: string;
}

export function ImpactView({ result, subgraph, drawing, dependents, action }: ImpactViewProps) {
  const labels = useMemo(() => new Map(subgraph.nodes.map((n) => [n.id, n.label])), [subgraph]);
  return (
    <div className="impact-view">
      {/* A new drawing (the whole radius, once it arrives) starts its own view: folded when large. */}
      <BlastGraph
        key={drawing ? 'radius' : 'listed'}
        subgraph={drawing ?? subgraph}
        impacts={result.impacts}
      />
      <section className="impacted-panel" aria-labelledby="impacted-heading">
        <h2 id="impacted-heading">Impacted ({result.impacts.length})</h2>
        <ImpactedList
          impacts={result.impacts}
          labels={labels}
          {...(dependents !== undefined ? { dependents } : {})}
          {...(action !== undefined ? { action } : {})}
        />
      </section>
    </div>
  );
}
