import type { EstateGraph } from '@impact/core';
import { resolveNode } from '@impact/core/node';
import { apiError } from './errors.js';

/** A node id, or a secret's name or ARN, to one node id; 404 or 409 otherwise. */
export function findNode(graph: EstateGraph, query: string): string {
  if (graph.hasNode(query)) return query;
  const resolved = resolveNode(graph, query);
  if (resolved.ok) return resolved.id;
  if (resolved.candidates.length > 1) throw apiError('NODE_AMBIGUOUS', resolved.reason);
  throw apiError('NODE_NOT_FOUND', resolved.reason);
}
