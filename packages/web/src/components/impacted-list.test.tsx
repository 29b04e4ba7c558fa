// @vitest-environment happy-dom
import type { ImpactResult } from '@impact/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import recorded from '../../test/data/orders-db-delete.json' with { type: 'json' };
import type { Subgraph } from '../api/types.js';
import { ImpactedList, sortImpacts } from './impacted-list.js';

// Recorded from GET /api/nodes/<prod/orders/db>/impact?action=delete&now=2026-11-27T00:00:00.000Z.
const result = recorded.result as unknown as ImpactResult;
const subgraph = recorded.subgraph as unknown as Subgraph;
const labels = new Map(subgraph.nodes.map((n) => [n.id, n.label]));
const RANK = { irrecoverable: 0, breaks: 1, degraded: 2, info: 3 };

afterEach(cleanup);

describe('ImpactedList', () => {
  it('lists every impact of the answer, worst first', () => {
    render(<ImpactedList impacts={result.impacts} labels={labels} />);
    const items = within(screen.getByRole('list', { name: 'Impacted' })).getAllByRole('listitem', {
      name: (_, el) => el.classList.contains('impact'),
    });
    expect(items.map((li) => li.dataset.id).sort()).toEqual(result.impacts.map((i) => i.id).sort());
    const ranks = sortImpacts(result.impacts).map((i) => RANK[i.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(items[0]?.querySelector('.badge')?.textContent).toBe(result.summary.worst);
  });

  it('shows the why path of each impact: edge kind, attribute and evidence', () => {
    render(<ImpactedList impacts={result.impacts} labels={labels} />);
    const task = result.impacts.find((i) => i.id === 'apps/orders-api::aws_ecs_task_definition.api');
    expect(task).toBeDefined();
    const li = document.querySelector(`li[data-id="${task?.id}"]`) as HTMLElement;
    const path = within(li).getByRole('list', { name: 'Why: dependency path' });
    const step = task?.path[0];
    expect(path.textContent).toContain(step?.kind);
    expect(path.textContent).toContain(step?.attribute);
    expect(path.textContent).toContain(step?.evidence);
    expect(within(li).getByRole('link').getAttribute('href')).toBe(
      `/node/${encodeURIComponent(task?.id ?? '')}`,
    );
    expect(li.textContent).toContain(task?.reason);
  });

  it('marks an impact that rests on an ambiguous name or a guess', () => {
    const [first] = result.impacts;
    if (!first) throw new Error('no impact recorded');
    render(<ImpactedList impacts={[{ ...first, confidence: 'ambiguous' }]} labels={labels} />);
    const badge = document.querySelector('.badge.doubt');
    expect(badge?.textContent).toBe('ambiguous');
    expect(badge?.getAttribute('title')).toMatch(/several accounts or regions/);
  });

  it('names the kind of a consumer only configuration shows', () => {
    const [first] = result.impacts;
    if (!first) throw new Error('no impact recorded');
    const provider = { ...first, id: 'data/warehouse::provider.postgresql', kind: 'provider' as const };
    const managed = {
      ...first,
      id: 'data/warehouse::postgresql_role.reader',
      kind: 'resource' as const,
      type: 'postgresql_role',
      path: [
        {
          from: 'a',
          to: 'data/warehouse::provider.postgresql',
          kind: 'managed_by' as const,
          attribute: 'provider',
          confidence: 'reference' as const,
        },
      ],
    };
    const external = {
      ...first,
      id: 'k8s/orders::kubernetes_manifest.orders_db',
      kind: 'resource' as const,
      type: 'kubernetes_manifest',
    };
    render(<ImpactedList impacts={[provider, managed, external, first]} labels={labels} />);
    const kindOf = (id: string) =>
      document.querySelector(`li[data-id="${id}"] .badge.consumer-kind`)?.textContent;
    expect(kindOf(provider.id)).toBe('provider');
    expect(kindOf(managed.id)).toBe('provider');
    expect(kindOf(external.id)).toBe('Kubernetes');
    expect(kindOf(first.id)).toBeUndefined();
    expect(document.querySelector('.badge.consumer-kind')?.getAttribute('title')).toMatch(/next plan fails/);
  });

  it('says when nothing depends on the node, and never calls a node with dependents safe', () => {
    render(<ImpactedList impacts={[]} labels={labels} dependents={0} />);
    expect(screen.getByText('Nothing in the estate depends on this.')).toBeTruthy();
    cleanup();
    render(<ImpactedList impacts={[]} labels={labels} dependents={3} action="replaced" />);
    const note = document.querySelector('.empty')?.textContent ?? '';
    expect(note).toMatch(/None of the 3 dependents is analysed as breaking if this is replaced/);
    expect(note).not.toMatch(/safe to change|depends on this/i);
    cleanup();
    render(<ImpactedList impacts={[]} labels={labels} />);
    expect(document.querySelector('.empty')?.textContent).toMatch(
      /^Nothing in the estate is analysed as breaking/,
    );
  });
});
