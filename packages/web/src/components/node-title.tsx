import { useEffect } from 'react';
import { api } from '../api/client.js';
import type { EdgeView, NodeView } from '../api/types.js';
import { useApi } from '../api/use-api.js';

/** A KMS key's aliases point at it (alias → key, through `target_key_id`): the first, by id. */
export function aliasOf(inbound: EdgeView[]): string | null {
  const ids = inbound.map((e) => e.from).filter((id) => /::(?:.*\.)?aws_kms_alias\./.test(id));
  return ids.sort()[0] ?? null;
}

/** What a page about a node is titled by: a secret's or parameter's name, a key's alias, else its label. */
export function nodeTitle(node: NodeView, alias?: string | null): string {
  if (node.type === 'aws_kms_key' && alias) return alias;
  if (node.secret && node.name && node.type !== 'aws_kms_key') return node.name;
  return node.label;
}

export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = `${title} · impact`;
  }, [title]);
}

/** The page heading of a node, with its address below when the heading is a name. */
export function NodeTitle({ node, inbound }: { node: NodeView; inbound: EdgeView[] }) {
  const aliasId = node.type === 'aws_kms_key' ? aliasOf(inbound) : null;
  const alias = useApi(
    () => (aliasId ? api.node(aliasId).then((d) => d.node.name ?? null) : Promise.resolve(null)),
    `alias|${aliasId ?? ''}`,
  );
  const title = nodeTitle(node, alias.state === 'ok' ? alias.data : null);
  useDocumentTitle(title);
  return (
    <>
      <h1 className="mono">{title}</h1>
      {title !== node.label && (
        <p className="muted mono subtitle">
          {node.type === 'aws_kms_key' ? `KMS key ${node.name ?? ''} · ` : ''}
          {node.label}
        </p>
      )}
    </>
  );
}
