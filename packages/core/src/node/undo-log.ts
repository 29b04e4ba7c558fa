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
const METHODS: readonly Method[] = [
  'addNode',
  'dropNode',
  'addDirectedEdgeWithKey',
  'dropEdge',
  'replaceNodeAttributes',
  'mergeNodeAttributes',
  'replaceEdgeAttributes',
];

/**
 * Records how to undo each change made to a graph through its mutating methods, until stopped: a
 * patch of the live graph that fails half-way is undone, and the graph is served as it was.
 * The methods are shadowed on the instance while recording; the graph's own are called.
 */
export function recordUndo(graph: EstateGraph): UndoLog {
  const host = graph as unknown as Record<Method, (...args: unknown[]) => unknown>;
  const proto = Object.getPrototypeOf(graph) as Record<Method, (...args: unknown[]) => unknown>;
  const call = (m: Method, ...args: unknown[]) => proto[m].apply(graph, args);
  const inverse: (() => void)[] = [];
  const edgeBack = (key: string) => {
    const source = graph.source(key);
    const target = graph.target(key);
    const attrs = graph.getEdgeAttributes(key);
    return () => call('addDirectedEdgeWithKey', key, source, target, attrs);
  };
  host.addNode = (id, attrs) => {
    const out = call('addNode', id, attrs);
    inverse.push(() => call('dropNode', id));
    return out;
  };
  host.dropNode = (id) => {
    const key = id as string;
    const attrs = graph.getNodeAttributes(key) as NodeAttributes;
    const edges = graph.edges(key).map(edgeBack);
    call('dropNode', key);
    inverse.push(() => {
      call('addNode', key, attrs);
      for (const back of edges) back();
    });
  };
  host.addDirectedEdgeWithKey = (key, source, target, attrs) => {
    const out = call('addDirectedEdgeWithKey', key, source, target, attrs);
    inverse.push(() => call('dropEdge', key));
    return out;
  };
  host.dropEdge = (key) => {
    const back = edgeBack(key as string);
    call('dropEdge', key);
    inverse.push(back);
  };
  host.replaceNodeAttributes = (id, attrs) => {
    const was = graph.getNodeAttributes(id as string);
    call('replaceNodeAttributes', id, attrs);
    inverse.push(() => call('replaceNodeAttributes', id, was));
  };
  host.mergeNodeAttributes = (id, attrs) => {
    // Merging writes into the attributes object: keep a copy of what it held.
    const was = { ...graph.getNodeAttributes(id as string) };
    call('mergeNodeAttributes', id, attrs);
    inverse.push(() => call('replaceNodeAttributes', id, was));
  };
  host.replaceEdgeAttributes = (key, attrs) => {
    const was = graph.getEdgeAttributes(key as string) as EdgeAttributes;
    call('replaceEdgeAttributes', key, attrs);
    inverse.push(() => call('replaceEdgeAttributes', key, was));
  };
  const stop = () => {
    for (const m of METHODS) delete (host as Partial<Record<Method, unknown>>)[m];
  };
  return {
    stop,
    rollback() {
      stop();
      for (let i = inverse.length - 1; i >= 0; i--) (inverse[i] as () => void)();
    },
  };
}
