import { type ReactNode, useState } from 'react';

/** Items drawn when a list opens, and how many more each "show more" adds: lists hold up to 5,000. */
const FIRST = 100;
const MORE = 500;

export interface IdListProps<T> {
  label: string;
  /** The whole count (the list may hold fewer: see `truncated`). */
  count: number;
  items: T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** The store cut this list at its limit: the count is whole, the list is not. */
  truncated?: boolean;
}

/** A collapsible list of ids, rendered only once opened and then a page at a time. */
export function IdList<T>({ label, count, items, keyOf, render, truncated }: IdListProps<T>) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(FIRST);
  if (count === 0) return null;
  return (
    <details className="id-list" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {label} <span className="count">({count})</span>
        {truncated && <span className="muted small"> · list cut at {items.length}</span>}
      </summary>
      {open && (
        <>
          <ul className="mono small">
            {items.slice(0, shown).map((item) => (
              <li key={keyOf(item)}>{render(item)}</li>
            ))}
          </ul>
          {items.length > shown && (
            <button type="button" onClick={() => setShown((n) => n + MORE)}>
              Show {Math.min(MORE, items.length - shown)} more of {items.length - shown}
            </button>
          )}
          {truncated && (
            <p className="muted small">
              The store keeps the first {items.length} ids of this list; {count - items.length} more are
              counted, not listed.
            </p>
          )}
        </>
      )}
    </details>
  );
}
