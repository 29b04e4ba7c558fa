import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { api } from '../api/client.js';
import { navigate, nodeHref } from '../router.js';
import { type JumpHit, rankJumpHits } from './rank-jump-hits.js';

/**
 * Jump to any node: an ARIA combobox over the secrets inventory and the node search
 * (GET /api/secrets?q=, GET /api/nodes?q=), secrets first and shown by name. Arrow keys move,
 * Enter opens, Escape closes.
 */
export function JumpBox() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<JumpHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      Promise.all([
        api.searchSecrets(term, 8).catch(() => ({ items: [] })),
        api.searchNodes(term, 20).catch(() => ({ items: [] })),
      ]).then(([secrets, nodes]) => {
        if (!live) return;
        setHits(rankJumpHits(term, secrets.items, nodes.items));
        setActive(0);
        setOpen(true);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  const go = (hit: JumpHit | undefined) => {
    if (!hit) return;
    setQ('');
    setOpen(false);
    navigate(nodeHref(hit.id));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && hits.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length > 0) {
      e.preventDefault();
      setActive((a) => (a - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(hits[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const shown = open && hits.length > 0;
  return (
    <search className="node-search">
      <label>
        <span className="visually-hidden">Jump to a secret or any node</span>
        <input
          type="search"
          role="combobox"
          aria-expanded={shown}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown ? `${listId}-${active}` : undefined}
          value={q}
          placeholder="Jump to a secret or any node…"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKey}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
      </label>
      <div id={listId} role="listbox" aria-label="Matches" className="jump-list" hidden={!shown}>
        {hits.map((hit, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the input's arrow keys and Enter drive the list
          <div
            key={hit.id}
            tabIndex={-1}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={hit.secret ? 'secret' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(hit)}
          >
            <span className="jump-title">{hit.title}</span>
            <span className="muted small">{hit.detail}</span>
          </div>
        ))}
      </div>
    </search>
  );
}
