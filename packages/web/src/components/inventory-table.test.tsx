// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import secrets from '../../test/data/secrets.json' with { type: 'json' };
import type { SecretsPage } from '../api/types.js';
import { InventoryTable } from './inventory-table.js';

// Recorded from GET /api/secrets over fixtures/estate.
const items = (secrets as SecretsPage).items;

afterEach(cleanup);

function rows(): HTMLElement[] {
  return within(screen.getByRole('table')).getAllByRole('row').slice(1);
}

function firstCells(column: number): string[] {
  return rows().map((r) => within(r).getAllByRole('cell')[column]?.textContent ?? '');
}

describe('InventoryTable', () => {
  it('lists every secret by name, each linking to its node page', () => {
    render(<InventoryTable items={items} />);
    expect(rows()).toHaveLength(items.length);
    const link = screen.getByRole('link', { name: 'prod/orders/db' });
    expect(link.getAttribute('href')).toBe(
      `/node/${encodeURIComponent('platform/secrets::aws_secretsmanager_secret.orders_db')}`,
    );
    const names = rows().map((r) => within(r).getByRole('link').textContent ?? '');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('sorts by consumers, ascending then descending', () => {
    render(<InventoryTable items={items} />);
    const header = screen.getByRole('button', { name: /Consumers/ });
    fireEvent.click(header);
    const asc = firstCells(2).map((t) => Number.parseInt(t, 10));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(header);
    const desc = firstCells(2).map((t) => Number.parseInt(t, 10));
    expect(desc).toEqual([...asc].sort((a, b) => b - a));
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts by recovery window', () => {
    render(<InventoryTable items={items} />);
    fireEvent.click(screen.getByRole('button', { name: /Recovery window/ }));
    const days = firstCells(3).map((t) => Number.parseInt(t, 10));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(days[0]).toBe(0);
  });

  it('filters by search text, service and workspace, and says how many are shown', () => {
    const onChange: unknown[] = [];
    render(<InventoryTable items={items} onChange={(f) => onChange.push(f)} />);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'ledger' } });
    expect(rows()).toHaveLength(1);
    expect(screen.getByText(`1 of ${items.length} secrets`)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: 'kms' } });
    expect(rows()).toHaveLength(items.filter((s) => s.service === 'kms').length);
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Workspace'), { target: { value: 'platform/secrets' } });
    expect(rows()).toHaveLength(items.filter((s) => s.workspace === 'platform/secrets').length);
    expect(onChange.at(-1)).toMatchObject({ workspace: 'platform/secrets', service: '', q: '' });
  });

  it('says so when nothing matches', () => {
    render(
      <InventoryTable
        items={items}
        initial={{ q: 'no-such-secret', service: '', workspace: '', sort: 'name', order: 'asc' }}
      />,
    );
    expect(rows()).toHaveLength(0);
    expect(screen.getByText('No secret matches these filters.')).toBeTruthy();
  });
});
