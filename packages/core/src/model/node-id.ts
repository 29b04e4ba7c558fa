/**
 * The one canonical node id: `<workspace>::<address>`.
 * A workspace node's id is the bare workspace name; external principals live in the
 * pseudo-workspace `external` with their ARN (or account id) as address.
 * Workspace names never contain `::`, so the first `::` splits the id.
 */
export const EXTERNAL_WORKSPACE = 'external';
const SEPARATOR = '::';

export interface ParsedNodeId {
  workspace: string;
  /** Terraform address (or external principal), null for a workspace node. */
  address: string | null;
}

export function nodeId(workspace: string, address?: string | null): string {
  return address == null ? workspace : `${workspace}${SEPARATOR}${address}`;
}

export function parseNodeId(id: string): ParsedNodeId {
  const at = id.indexOf(SEPARATOR);
  if (at < 0) return { workspace: id, address: null };
  return { workspace: id.slice(0, at), address: id.slice(at + SEPARATOR.length) };
}

export function externalNodeId(principal: string): string {
  return nodeId(EXTERNAL_WORKSPACE, principal);
}
