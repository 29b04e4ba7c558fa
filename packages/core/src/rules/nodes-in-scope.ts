import type { EstateGraph } from '../graph/estate-graph.js';
import type { NodeAttributes } from '../model/graph-types.js';

/**
 * Calls `visit` for each node a rule looks at: the focus (a plan's touched resources) when one
 * is given, else every node. A plan's findings then cost what the plan touches, not the estate.
 */
export function forEachNodeInScope(
  graph: EstateGraph,
  focus: ReadonlySet<string> | undefined,
  visit: (id: string, attributes: NodeAttributes) => void,
): void {
  if (!focus) {
    graph.forEachNode(visit);
    return;
  }
  for (const id of focus) if (graph.hasNode(id)) visit(id, graph.getNodeAttributes(id));
}
