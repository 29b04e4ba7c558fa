// @vitest-environment happy-dom
import type { ImpactResult } from '@impact/core';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import ledger from '../../test/data/ledger-token-delete-nov20.json' with { type: 'json' };
import orders from '../../test/data/orders-db-delete.json' with { type: 'json' };
import { Timeline } from './timeline.js';

// Recorded: deleting prod/ledger/token (7-day window) on 2026-11-20 misses its monthly export on
// 2026-12-01; deleting prod/orders/db (30 days) breaks only consumers that notice at once.
const ledgerResult = ledger.result as unknown as ImpactResult;
const ordersResult = orders.result as unknown as ImpactResult;

afterEach(cleanup);

function marks() {
  return [...document.querySelectorAll('g.tl-mark')] as SVGGElement[];
}

describe('Timeline', () => {
  it('marks each scheduled consumer, and those after the window as irrecoverable', () => {
    const endsAt = ledgerResult.impacts.find((i) => i.window)?.window?.endsAt ?? null;
    expect(endsAt).toBe('2026-11-27T00:00:00.000Z');
    render(<Timeline now={ledgerResult.now} windowEndsAt={endsAt} impacts={ledgerResult.impacts} />);
    const scheduled = ledgerResult.impacts.filter((i) => i.noticedBy.kind === 'schedule');
    const lost = ledgerResult.impacts.filter((i) => i.severity === 'irrecoverable');
    expect(lost.length).toBe(2);
    const byId = new Map(marks().map((m) => [m.dataset.id, m]));
    for (const i of scheduled) expect(byId.has(i.id), i.id).toBe(true);
    const marked = marks().filter((m) => m.dataset.irrecoverable === 'true');
    expect(marked.map((m) => m.dataset.id).sort()).toEqual(lost.map((i) => i.id).sort());
    expect(document.querySelector('[data-testid="window-end"]')?.textContent).toContain('2026-11-27');
    // Marks after the window sit to the right of the window's end line.
    const endX = Number(document.querySelector('[data-testid="window-end"] line')?.getAttribute('x1'));
    for (const m of marked)
      expect(Number(m.querySelector('path')?.getAttribute('d')?.slice(1).split(',')[0])).toBeGreaterThan(
        endX,
      );
    expect(document.querySelector('figcaption')?.textContent).toContain('gone for good (2)');
    // Each row names its consumer's workspace.
    for (const i of scheduled) {
      const row = byId.get(i.id);
      expect(row?.querySelector('.tl-workspace')?.textContent).toContain(i.workspace.slice(-12));
      expect(row?.querySelector('title')?.textContent).toContain(`in ${i.workspace}`);
    }
  });

  it('groups consumers that notice at once into one row and counts the undated ones', () => {
    const endsAt = ordersResult.impacts.find((i) => i.window)?.window?.endsAt ?? null;
    render(<Timeline now={ordersResult.now} windowEndsAt={endsAt} impacts={ordersResult.impacts} />);
    expect(marks()).toHaveLength(1);
    expect(marks()[0]?.dataset.irrecoverable).toBe('false');
    const atOnce = ordersResult.impacts.filter((i) => i.noticedAt !== null).length;
    expect(marks()[0]?.textContent).toContain(`${atOnce} at once`);
    const undated = ordersResult.impacts.filter((i) => i.noticedAt === null).length;
    expect(document.querySelector('figcaption')?.textContent).toContain(`${undated} other consumers`);
  });
});
