import { useEffect, useId, useState } from 'react';
import { api } from '../api/client.js';
import type { NodeView } from '../api/types.js';
import { navigate, nodeHref } from '../router.js';

/** Jump to any node by address, name or ARN (GET /api/nodes?q=). */
export function NodeSearch() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<NodeView[]>([]);
  const listId = useId();
  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api
        .searchNodes(term)
        .then((body) => live && setItems(body.items))
        .catch(() => live && setItems([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  const go = (value: string) => {
    const hit = items.find((n) => n.id === value || n.label === value);
    if (hit) {
      setQ('');
      navigate(nodeHref(hit.id));
    }
  };
  return (
    <search className="node-search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          go(items[0]?.id ?? '');
        }}
      >
        <label>
          <span className="visually-hidden">Jump to any node</span>
          <input
            type="search"
            list={listId}
            value={q}
            placeholder="Jump to any node…"
            onChange={(e) => {
              setQ(e.target.value);
              go(e.target.value);
            }}
          />
        </label>
        <datalist id={listId}>
          {items.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label}
            </option>
          ))}
        </datalist>
      </form>
    </search>
  );
}
