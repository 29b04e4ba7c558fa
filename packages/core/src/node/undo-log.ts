import type { EstateGraph } from '../graph/estate-graph.js';
import type { EdgeAttributes, NodeAttributes } from '../model/graph-types.js';

/** What undoing a graph's changes takes: {@link recordUndo}'s answer. */
export interface UndoLog {
  /** Stops recording: the graph keeps its changes. */
  stop(): void;
  /** Undoes every change since recording began, newest first, and stops recording. */
  rollback(): void;
}

type Method =
  | 'addNode'
  | 'dropNode'
  | 'addDirectedEdgeWithKey'
  | 'dropEdge'
  | 'replaceNodeAttributes'
  | 'mergeNodeAttributes'
  | 'replaceEdgeAttributes';
type Fn = (...args: never[]) => unknown;

const ADDED_NODE = 0;
const DROPPED_NODE = 1;
const ADDED_EDGE = 2;
const DROPPED_EDGE = 3;
const NODE_ATTRIBUTES = 4;
const EDGE_ATTRIBUTES = 5;

/**
 * Records how to undo each change made to a graph through its mutating methods, until stopped: a
 * patch of the live graph that fails half-way is undone, and the graph is served as it was.
 * The methods are shadowed on the instance while recording (the graph's own are called); what
 * undoing needs is kept flat, one entry per change: a patch adds thousands of edges.
 */
export function recordUndo(graph: EstateGraph): UndoLog {
  const own = Object.getPrototypeOf(graph) as EstateGraph;
  const addNode = own.addNode.bind(graph);
  const dropNode = own.dropNode.bind(graph);
  const addEdge = own.addDirectedEdgeWithKey.bind(graph);
  const dropEdge = own.dropEdge.bind(graph);
  const replaceNode = own.replaceNodeAttributes.bind(graph);
  const mergeNode = own.mergeNodeAttributes.bind(graph);
  const replaceEdge = own.replaceEdgeAttributes.bind(graph);
  const log: unknown[] = [];
  const edgeEntry = (key: string) =>
    log.push(DROPPED_EDGE, key, graph.source(key), graph.target(key), graph.getEdgeAttributes(key));
  const host = graph as unknown as Record<Method, Fn>;
  host.addNode = ((id: string, attrs: NodeAttributes) => {
    const out = addNode(id, attrs);
    log.push(ADDED_NODE, id, null, null, null);
    return out;
  }) as Fn;
  host.dropNode = ((id: string) => {
    // Its edges first, so that undoing puts the node back before them.
    for (const key of graph.edges(id)) edgeEntry(key);
    log.push(DROPPED_NODE, id, graph.getNodeAttributes(id), null, null);
    dropNode(id);
  }) as Fn;
  host.addDirectedEdgeWithKey = ((key: string, source: string, target: string, attrs: EdgeAttributes) => {
    const out = addEdge(key, source, target, attrs);
    log.push(ADDED_EDGE, key, null, null, null);
    return out;
  }) as Fn;
  host.dropEdge = ((key: string) => {
    edgeEntry(key);
    dropEdge(key);
  }) as Fn;
  host.replaceNodeAttributes = ((id: string, attrs: NodeAttributes) => {
    log.push(NODE_ATTRIBUTES, id, graph.getNodeAttributes(id), null, null);
    replaceNode(id, attrs);
  }) as Fn;
  host.mergeNodeAttributes = ((id: string, attrs: Partial<NodeAttributes>) => {
    // Merging writes into the attributes object: keep a copy of what it held.
    log.push(NODE_ATTRIBUTES, id, { ...graph.getNodeAttributes(id) }, null, null);
    mergeNode(id, attrs);
  }) as Fn;
  host.replaceEdgeAttributes = ((key: string, attrs: EdgeAttributes) => {
    log.push(EDGE_ATTRIBUTES, key, graph.getEdgeAttributes(key), null, null);
    replaceEdge(key, attrs);
  }) as Fn;
  const stop = () => {
    for (const m of [
      'addNode',
      'dropNode',
      'addDirectedEdgeWithKey',
      'dropEdge',
      'replaceNodeAttributes',
      'mergeNodeAttributes',
      'replaceEdgeAttributes',
    ] as const)
      delete (host as Partial<Record<Method, Fn>>)[m];
  };
  return {
    stop,
    rollback() {
      stop();
      for (let i = log.length - 5; i >= 0; i -= 5) {
        const id = log[i + 1] as string;
        switch (log[i]) {
          case ADDED_NODE:
            dropNode(id);
            break;
          case DROPPED_NODE:
            addNode(id, log[i + 2] as NodeAttributes);
            break;
          case ADDED_EDGE:
            dropEdge(id);
            break;
          case DROPPED_EDGE:
            addEdge(id, log[i + 2] as string, log[i + 3] as string, log[i + 4] as EdgeAttributes);
            break;
          case NODE_ATTRIBUTES:
            replaceNode(id, log[i + 2] as NodeAttributes);
            break;
          case EDGE_ATTRIBUTES:
            replaceEdge(id, log[i + 2] as EdgeAttributes);
            break;
        }
      }
    },
  };
}
