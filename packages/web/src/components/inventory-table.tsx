import { useMemo, useState } from 'react';
import type { SecretView } from '../api/types.js';
import { nodeHref } from '../router.js';
import { Link } from './link.js';

export type SortKey = 'name' | 'workspace' | 'consumers' | 'window' | 'rotation' | 'finding';
export interface InventoryFilter {
  q: string;
  service: string;
  workspace: string;
  sort: SortKey;
  order: 'asc' | 'desc';
}

export const DEFAULT_FILTER: InventoryFilter = {
  q: '',
  service: '',
  workspace: '',
  sort: 'name',
  order: 'asc',
};

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Secret' },
  { key: 'workspace', label: 'Workspace' },
  { key: 'consumers', label: 'Consumers', numeric: true },
  { key: 'window', label: 'Recovery window', numeric: true },
  { key: 'rotation', label: 'Rotation' },
  { key: 'finding', label: 'Worst finding' },
];

export function filterSecrets(items: SecretView[], f: InventoryFilter): SecretView[] {
  const q = f.q.trim().toLowerCase();
  const kept = items.filter(
    (s) =>
      (!f.service || s.service === f.service) &&
      (!f.workspace || s.workspace === f.workspace) &&
      (!q || [s.name, s.address, s.arn, s.workspace].some((v) => v?.toLowerCase().includes(q))),
  );
  const sign = f.order === 'asc' ? 1 : -1;
  return kept.sort((a, b) => sign * compare(a, b, f.sort) || a.id.localeCompare(b.id));
}

function compare(a: SecretView, b: SecretView, key: SortKey): number {
  switch (key) {
    case 'name':
      return (a.name || a.address).localeCompare(b.name || b.address);
    case 'workspace':
      return a.workspace.localeCompare(b.workspace);
    case 'consumers':
      return a.consumers - b.consumers;
    case 'window':
      return (a.recoveryWindowDays ?? -1) - (b.recoveryWindowDays ?? -1);
    case 'rotation':
      return rotationDays(a) - rotationDays(b);
    case 'finding':
      return (a.worstFinding ?? '').localeCompare(b.worstFinding ?? '');
  }
}

function rotationDays(s: SecretView): number {
  if (!s.rotation?.enabled) return Number.MAX_SAFE_INTEGER;
  return s.rotation.days ?? Number.MAX_SAFE_INTEGER - 1;
}

function rotationText(s: SecretView): string {
  if (!s.rotation) return '—';
  if (!s.rotation.enabled) return 'off';
  return s.rotation.days ? `every ${s.rotation.days} d` : 'on';
}

function windowText(s: SecretView): string {
  if (s.recoveryWindowDays === null || s.recoveryWindowDays === undefined) return '—';
  return s.recoveryWindowDays === 0 ? '0 d (deleted at once)' : `${s.recoveryWindowDays} d`;
}

export interface InventoryTableProps {
  items: SecretView[];
  initial?: InventoryFilter;
  onChange?: (filter: InventoryFilter) => void;
}

export function InventoryTable({ items, initial = DEFAULT_FILTER, onChange }: InventoryTableProps) {
  const [filter, setFilter] = useState(initial);
  const update = (patch: Partial<InventoryFilter>) => {
    const next = { ...filter, ...patch };
    setFilter(next);
    onChange?.(next);
  };
  const rows = useMemo(() => filterSecrets(items, filter), [items, filter]);
  const workspaces = useMemo(() => [...new Set(items.map((s) => s.workspace))].sort(), [items]);
  const services = useMemo(() => [...new Set(items.map((s) => s.service))].sort(), [items]);

  return (
    <>
      <search>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Search{' '}
            <input
              type="search"
              value={filter.q}
              placeholder="name, address or ARN"
              onChange={(e) => update({ q: e.target.value })}
            />
          </label>
          <label>
            Service{' '}
            <select value={filter.service} onChange={(e) => update({ service: e.target.value })}>
              <option value="">all</option>
              {services.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            Workspace{' '}
            <select value={filter.workspace} onChange={(e) => update({ workspace: e.target.value })}>
              <option value="">all</option>
              {workspaces.map((w) => (
                <option key={w}>{w}</option>
              ))}
            </select>
          </label>
          <output aria-live="polite">
            {rows.length} of {items.length} secrets
          </output>
        </form>
      </search>
      <table className="data-table inventory">
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = filter.sort === c.key;
              return (
                <th
                  key={c.key}
                  aria-sort={active ? (filter.order === 'asc' ? 'ascending' : 'descending') : 'none'}
                  className={c.numeric ? 'num' : undefined}
                >
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      update({ sort: c.key, order: active && filter.order === 'asc' ? 'desc' : 'asc' })
                    }
                  >
                    {c.label}
                    <span aria-hidden="true">{active ? (filter.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={nodeHref(s.id)}>{s.name || s.address}</Link>
                <div className="muted small mono">
                  {s.service} · {s.address}
                </div>
              </td>
              <td>{s.workspace}</td>
              <td className="num">
                {s.consumers}
                {s.consumerWorkspaces > 0 && (
                  <span className="muted small"> in {s.consumerWorkspaces} ws</span>
                )}
              </td>
              <td className="num">{windowText(s)}</td>
              <td>{rotationText(s)}</td>
              <td>{s.worstFinding ?? <span className="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">No secret matches these filters.</p>}
    </>
  );
}
