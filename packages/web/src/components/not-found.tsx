import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { nodeHref } from '../router.js';
import { Link } from './link.js';
import { useDocumentTitle } from './node-title.js';

/**
 * A page for what is not there: an unknown node (a stale link, a node gone since the last ingest)
 * or an unknown address, with nodes whose names come close, and a way back.
 */
export function NotFound({ what, name, search }: { what: string; name: string; search?: string }) {
  useDocumentTitle('Not found');
  const term = search?.trim() ?? '';
  const near = useApi(
    () => (term.length >= 2 ? api.searchNodes(term, 8) : Promise.resolve({ items: [] })),
    `near|${term}`,
  );
  return (
    <section className="not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Not found</h1>
      <p>
        No {what} <code className="wrap">{name}</code> in the estate. It may have been removed or renamed
        since the link was made, or the estate was re-ingested without it.
      </p>
      {near.state === 'ok' && near.data.items.length > 0 && (
        <>
          <h2>Close matches</h2>
          <ul className="near-list">
            {near.data.items.map((n) => (
              <li key={n.id}>
                <Link href={nodeHref(n.id)} className="mono">
                  {n.id}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link href="/">Back to the estate</Link> · search with the box at the top right.
      </p>
    </section>
  );
}
