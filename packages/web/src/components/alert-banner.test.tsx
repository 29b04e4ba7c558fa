// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { storedAlert } from '../../test/history-fixtures.js';
import { AlertBannerView } from './alert-banner.js';

afterEach(cleanup);

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

const banner = () => document.querySelector('.alert-banner');

describe('AlertBannerView', () => {
  it('says what was deleted, where, how long ago, until when, with a countdown and who is at risk', () => {
    const alert = storedAlert({ id: 'a1', changedAt: at(NOW - 3 * HOUR) });
    render(<AlertBannerView alerts={[alert]} now={NOW} />);
    const text = banner()?.querySelector('p')?.textContent ?? '';
    expect(text).toBe(
      `Secret prod/ledger/token was deleted in platform/secrets 3 hours ago — restore it before 2026-11-27 09:00 UTC (6d 21h 00m left) or ${alert.summary.impacted - alert.summary.bySeverity.info} consumers will find it gone for good.`,
    );
    expect(screen.getByRole('timer').textContent).toBe('6d 21h 00m left');
    expect(banner()?.querySelector('code')?.textContent).toBe(alert.fix?.command);
    expect(screen.getByRole('button', { name: 'Copy the restore command' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See the alert and who is at risk' }).getAttribute('href')).toBe(
      '/changes?alert=a1',
    );
  });

  it('leads with the soonest deadline and counts the others', () => {
    const later = storedAlert({ id: 'later', changedAt: at(NOW - HOUR) });
    const sooner = storedAlert({
      id: 'sooner',
      changedAt: at(NOW - 10 * HOUR),
      secret: {
        ...later.secret,
        id: 'platform/secrets::aws_secretsmanager_secret.orders_db',
        name: 'prod/orders/db',
      },
    });
    const third = storedAlert({ id: 'third', changedAt: at(NOW - 2 * HOUR) });
    render(<AlertBannerView alerts={[later, third, sooner]} now={NOW} />);
    expect(banner()?.getAttribute('data-id')).toBe('sooner');
    expect(banner()?.textContent).toContain('Secret prod/orders/db was deleted');
    expect(screen.getByRole('link', { name: '2 more' }).getAttribute('href')).toBe('/changes');
  });

  it('counts seconds in the last hour', () => {
    const alert = storedAlert({ id: 'a1', changedAt: at(NOW - 7 * 24 * HOUR + 12 * 60_000 + 5_000) });
    render(<AlertBannerView alerts={[alert]} now={NOW} />);
    expect(screen.getByRole('timer').textContent).toBe('12m 05s left');
  });

  it('leaves out what can no longer be restored: already gone, expired, cleared, past its deadline', () => {
    const gone = storedAlert({
      id: 'ssm',
      changedAt: at(NOW - HOUR),
      restoreBefore: null,
      status: 'expired',
    });
    const goneOpen = storedAlert({ id: 'zero', changedAt: at(NOW - HOUR), restoreBefore: null });
    const cleared = storedAlert({
      id: 'back',
      changedAt: at(NOW - HOUR),
      status: 'cleared',
      cleared: { at: at(NOW), version: 5, reason: 'restored' },
    });
    const past = storedAlert({ id: 'past', changedAt: at(NOW - 8 * 24 * HOUR) });
    render(<AlertBannerView alerts={[gone, goneOpen, cleared, past]} now={NOW} />);
    expect(banner()).toBeNull();
    cleanup();
    const open = storedAlert({ id: 'open', changedAt: at(NOW - HOUR) });
    render(<AlertBannerView alerts={[gone, goneOpen, open, cleared]} now={NOW} />);
    expect(banner()?.getAttribute('data-id')).toBe('open');
    expect(banner()?.textContent).not.toContain('more');
  });

  it('is an alert when it first shows, then a polite status as the countdown moves', () => {
    const alert = storedAlert({ id: 'a1', changedAt: at(NOW - HOUR) });
    const { rerender } = render(<AlertBannerView alerts={[alert]} now={NOW} />);
    expect(screen.getByRole('alert').textContent).toContain('prod/ledger/token');
    rerender(<AlertBannerView alerts={[alert]} now={NOW + 60_000} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(banner()?.querySelector('p')?.getAttribute('role')).toBe('status');
    // The moving parts are never announced.
    expect(screen.getByRole('timer').getAttribute('aria-live')).toBe('off');
    // Another alert, newly first, is announced again.
    const next = storedAlert({ id: 'a2', changedAt: at(NOW - 2 * 24 * HOUR) });
    rerender(<AlertBannerView alerts={[alert, next]} now={NOW + 120_000} />);
    expect(screen.getByRole('alert').textContent).toContain('and 1 more');
  });

  it('says so when nothing in the estate consumes the secret', () => {
    const alert = storedAlert({
      id: 'a1',
      changedAt: at(NOW - HOUR),
      impacts: [],
      summary: {
        changes: 1,
        impacted: 0,
        bySeverity: { irrecoverable: 0, breaks: 0, degraded: 0, info: 0 },
        workspaces: 0,
        worst: null,
      },
    });
    render(<AlertBannerView alerts={[alert]} now={NOW} />);
    expect(banner()?.querySelector('p')?.textContent).toMatch(
      /if anything outside the estate still reads it: nothing inside does\.$/,
    );
  });
});
