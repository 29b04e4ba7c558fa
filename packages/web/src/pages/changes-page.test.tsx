// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_VERSION, SECOND_VERSION, storedAlert } from '../../test/history-fixtures.js';
import type { AlertsAnswer, HistoryPage, VersionHeader, VersionRecord } from '../api/types.js';
import { AlertBanner } from '../components/alert-banner.js';
import { SecretHistory } from '../components/secret-history.js';
import { ChangesPage } from './changes-page.js';

// The page over canned answers of the history routes: what it shows is a function of them.

let answers: Record<string, { status: number; body: unknown }>;

beforeEach(() => {
  vi.stubGlobal('fetch', async (url: string) => {
    const parsed = new URL(url, 'http://local');
    const before = parsed.searchParams.get('before');
    const path = before ? `${parsed.pathname}?before=${before}` : parsed.pathname;
    const answer = answers[path] ?? {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: path, statusCode: 404 } },
    };
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ok = (body: unknown) => ({ status: 200, body });

function header(r: VersionRecord): VersionHeader {
  return {
    version: r.version,
    recordedAt: r.recordedAt,
    trigger: r.trigger,
    estate: r.estate,
    totals: r.totals,
    summary: r.changes?.summary ?? null,
    events: r.changes ? { deleted: 1 } : {},
  };
}

describe('ChangesPage', () => {
  it('says history is off, and how to turn it on, when the server keeps no store', async () => {
    answers = {
      '/api/history': ok({
        formatVersion: '1.0',
        store: null,
        versions: [],
        next: null,
      } satisfies HistoryPage),
    };
    render(<ChangesPage />);
    await screen.findByRole('heading', { name: 'History is off' });
    expect(document.querySelector('.history-off pre')?.textContent).toBe(
      'impact serve --store <dir|postgres://…>',
    );
    expect(document.querySelector('.history-off')?.textContent).toContain('.impact/');
  });

  it('lists versions newest first, shows the newest by default, and the alerts with their counts', async () => {
    const alert = storedAlert({ id: 'a1', changedAt: new Date(Date.now() - 3_600_000).toISOString() });
    answers = {
      '/api/history': ok({
        formatVersion: '1.0',
        store: { kind: 'embedded', location: '.impact' },
        versions: [header(SECOND_VERSION), header(FIRST_VERSION)],
        next: null,
      } satisfies HistoryPage),
      '/api/history/2': ok(SECOND_VERSION),
      '/api/history/1': ok(FIRST_VERSION),
      '/api/alerts': ok({
        formatVersion: '1.0',
        store: { kind: 'embedded', location: '.impact' },
        now: new Date().toISOString(),
        alerts: [alert],
        open: 1,
      } satisfies AlertsAnswer),
    };
    render(<ChangesPage />);
    await screen.findByRole('heading', { name: 'Version 2' });
    const timeline = screen.getByRole('list', { name: 'Recorded versions' });
    const items = within(timeline)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(items).toEqual(['Version 2', 'Version 1']);
    expect(within(timeline).getByRole('link', { name: 'Version 2' }).getAttribute('aria-current')).toBe(
      'true',
    );
    expect(timeline.querySelector('.event-counts')?.textContent).toBe('deleted 1');
    expect(timeline.textContent).toContain('first version recorded: nothing to compare with');
    await screen.findByTestId('alert-counts');
    expect(screen.getByTestId('alert-counts').textContent).toBe('1 open · 0 expired · 0 cleared');
    const card = document.querySelector('.alert-card[data-id="a1"]') as HTMLElement;
    expect(card.querySelector('.copy-code code')?.textContent).toBe(alert.fix?.command);
    expect(card.textContent).toContain(
      '3 consumers at risk · 2 notice only after the recovery window closes',
    );
    cleanup();
    render(<ChangesPage version={1} />);
    await screen.findByRole('heading', { name: 'Version 1' });
    expect(document.querySelector('.version-record .empty')?.textContent).toBe(
      'First version recorded: nothing to compare with.',
    );
  });

  it('pages back through older versions with next', async () => {
    const store = { kind: 'postgres', location: 'postgres://db.internal/impact' } as const;
    answers = {
      '/api/history': ok({ formatVersion: '1.0', store, versions: [header(SECOND_VERSION)], next: 1 }),
      '/api/history?before=1': ok({
        formatVersion: '1.0',
        store,
        versions: [header(FIRST_VERSION)],
        next: null,
      }),
      '/api/history/2': ok(SECOND_VERSION),
      '/api/alerts': ok({ formatVersion: '1.0', store, now: new Date().toISOString(), alerts: [], open: 0 }),
    };
    render(<ChangesPage />);
    const older = await screen.findByRole('button', { name: 'Older versions' });
    older.click();
    const timeline = screen.getByRole('list', { name: 'Recorded versions' });
    await within(timeline).findByRole('link', { name: 'Version 1' });
    expect(screen.queryByRole('button', { name: 'Older versions' })).toBeNull();
    expect((await screen.findByTestId('alert-counts')).textContent).toBe('0 open · 0 expired · 0 cleared');
    expect(document.querySelector('.alerts .empty')?.textContent).toMatch(/^No deletion alert/);
  });

  it('says an error like the other pages', async () => {
    answers = {
      '/api/history': {
        status: 500,
        body: { error: { code: 'STORE_FAILED', message: 'the store is down', statusCode: 500 } },
      },
    };
    render(<ChangesPage />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not load history (STORE_FAILED, 500): the store is down',
    );
  });
});

describe('SecretHistory', () => {
  it('shows nothing when the server keeps no history (404 or store null)', async () => {
    answers = {};
    const { container } = render(
      <SecretHistory id="platform/secrets::aws_secretsmanager_secret.orders_db" />,
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(container.innerHTML).toBe('');
    cleanup();
    answers = {
      '/api/nodes/x/history': ok({ formatVersion: '1.0', store: null, events: [], alerts: [], scanned: 0 }),
    };
    const again = render(<SecretHistory id="x" />);
    await new Promise((r) => setTimeout(r, 20));
    expect(again.container.innerHTML).toBe('');
  });

  it("lists a secret's events newest first, each linked to its version", async () => {
    const event = SECOND_VERSION.changes?.secretEvents[0];
    answers = {
      '/api/nodes/x/history': ok({
        formatVersion: '1.0',
        store: { kind: 'embedded', location: '.impact' },
        events: [{ version: 2, recordedAt: SECOND_VERSION.recordedAt, event }],
        alerts: [],
        scanned: 2,
      }),
    };
    render(<SecretHistory id="x" />);
    const list = await screen.findByRole('list', { name: 'Recorded events' });
    expect(within(list).getByRole('link', { name: 'Version 2' }).getAttribute('href')).toBe('/changes/2');
    expect(list.textContent).toContain('Secret prod/ledger/token deleted in platform/secrets');
  });
});

describe('AlertBanner', () => {
  it('shows the open alerts the API answers, and nothing when the server keeps no store', async () => {
    const alert = storedAlert({ id: 'a1', changedAt: new Date(Date.now() - 3_600_000).toISOString() });
    const answer = (store: AlertsAnswer['store']): AlertsAnswer => ({
      formatVersion: '1.0',
      store,
      now: new Date().toISOString(),
      alerts: [alert],
      open: 1,
    });
    answers = { '/api/alerts': ok(answer({ kind: 'embedded', location: '.impact' })) };
    render(<AlertBanner />);
    await screen.findByRole('alert');
    expect(document.querySelector('.alert-banner')?.getAttribute('data-id')).toBe('a1');
    cleanup();
    answers = { '/api/alerts': ok(answer(null)) };
    const off = render(<AlertBanner />);
    await new Promise((r) => setTimeout(r, 20));
    expect(off.container.innerHTML).toBe('');
    cleanup();
    answers = {};
    const old = render(<AlertBanner />);
    await new Promise((r) => setTimeout(r, 20));
    expect(old.container.innerHTML).toBe('');
  });
});
