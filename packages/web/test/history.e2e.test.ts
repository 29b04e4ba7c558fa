import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @impact/server is not a dependency of @impact/web, so its source is imported by path.
import { type RunningServer, startServer } from '../../server/src/index.js';
import type { AlertsAnswer, HistoryPage } from '../src/api/types.js';
import { launchChromium } from './launch-chromium.js';

// Issue 14 in real Chromium against the real server: a watched copy of the fixture estate with a
// store. The producer deletes a secret; the banner says so on every page, the Changes page shows
// the version and the alert; the producer restores it, and the banner goes.

const ROOT = join(import.meta.dirname, '../../..');
const ESTATE = join(ROOT, 'fixtures/estate');
const DIST = join(import.meta.dirname, '../dist');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const PRODUCER = 'acme-tfstate/platform/secrets.tfstate';
const LEDGER = 'platform/secrets::aws_secretsmanager_secret.ledger_token';
const canaries = readFileSync(join(ESTATE, 'canaries.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

let server: RunningServer;
let browser: Browser;
let dir: string;
let store: string;
let original: string;

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('packages/web/dist is missing: build it first (pnpm --filter @impact/web run build)');
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'impact-history-'));
  store = mkdtempSync(join(tmpdir(), 'impact-history-store-'));
  cpSync(ESTATE, dir, { recursive: true });
  original = readFileSync(join(dir, PRODUCER), 'utf8');
  // A variable, not a literal, so this reads the same before and after the server takes these options.
  const options = {
    estate: dir,
    port: 0,
    webRoot: DIST,
    logger: false,
    watchMs: 250,
    store,
    alertWebhooks: [],
  };
  server = await startServer(options);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(store, { recursive: true, force: true });
});

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on('close', () => expect(errors, `page errors on ${path}`).toEqual([]));
  await page.goto(server.url + path);
  return page;
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(server.url + path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Rewrites the producer's state with a new serial, as an apply would. */
function writeProducer(
  edit: (state: { serial: number; resources: { type: string; name: string }[] }) => void,
) {
  const file = join(dir, PRODUCER);
  const state = JSON.parse(readFileSync(file, 'utf8')) as {
    serial: number;
    resources: { type: string; name: string }[];
  };
  edit(state);
  state.serial++;
  writeFileSync(file, JSON.stringify(state));
}

function expectNoValues(html: string, where: string): void {
  for (const canary of canaries) expect(html.includes(canary), `${canary} on ${where}`).toBe(false);
}

describe('the twin remembers, in Chromium', () => {
  it('raises the banner when a secret is deleted, shows the version and the alert, and drops the banner once it is restored', async () => {
    // Before: one version (the start), nothing to compare it with, and no banner.
    await expect
      .poll(async () => (await api<HistoryPage>('/api/history')).versions.length, { timeout: 10_000 })
      .toBe(1);
    const before = await api<HistoryPage>('/api/history');
    expect(before.store).not.toBeNull();
    const page = await open('/changes');
    await page.getByRole('heading', { name: `Version ${before.versions[0]?.version}` }).waitFor();
    await expect(page.locator('.version-record .empty').first().textContent()).resolves.toBe(
      'First version recorded: nothing to compare with.',
    );
    await page.getByTestId('alert-counts').waitFor();
    await expect(page.locator('.alert-banner').count()).resolves.toBe(0);

    // The producer deletes prod/ledger/token (the secret and its version): monthly jobs read it.
    const status = await open('/status');
    await status.locator('.stat-cards').waitFor();
    // The Status page says where the history is kept, and links to it.
    await status.getByRole('heading', { name: 'History' }).waitFor();
    await status.getByText(/^Kept in an embedded store at/).waitFor();
    writeProducer((state) => {
      state.resources = state.resources.filter(
        (r) => !(r.name === 'ledger_token' && r.type.startsWith('aws_secretsmanager_secret')),
      );
    });

    // The banner comes by itself, on the page in view, through /api/events.
    const banner = status.locator('.alert-banner');
    await banner.waitFor({ timeout: 30_000 });
    const alerts = await api<AlertsAnswer>('/api/alerts');
    const alert = alerts.alerts.find((a) => a.secret.id === LEDGER);
    expect(alert?.status).toBe('open');
    expect(alert?.restoreBefore).not.toBeNull();
    const text = (await banner.locator('p').first().textContent()) ?? '';
    expect(text).toMatch(
      /^Secret prod\/ledger\/token was deleted in platform\/secrets .* ago — restore it before /,
    );
    expect(text).toContain(`(${await banner.getByRole('timer').textContent()})`);
    expect(text).toMatch(/\d+d \d+h \d\dm left/);
    const atRisk = (alert?.summary.impacted ?? 0) - (alert?.summary.bySeverity.info ?? 0);
    expect(text).toContain(`or ${atRisk} consumers will find it gone for good`);
    expect(atRisk).toBeGreaterThan(0);
    if (alert?.fix) await expect(banner.locator('code').textContent()).resolves.toBe(alert.fix.command);
    await status.screenshot({ path: join(SHOTS, 'history-banner.png') });
    expectNoValues(await status.content(), 'the status page with the banner');

    // The Changes page in view refreshed too: the new version, its secret event, and the alert.
    const after = await api<HistoryPage>('/api/history');
    const latest = after.versions[0];
    expect(latest?.events.deleted).toBeGreaterThanOrEqual(1);
    await page
      .locator(`.version-timeline li[data-version="${latest?.version}"]`)
      .waitFor({ timeout: 30_000 });
    await expect(
      page.locator(`.version-timeline li[data-version="${latest?.version}"] .event-counts`).textContent(),
    ).resolves.toContain('deleted');
    await page.getByRole('heading', { name: `Version ${latest?.version}` }).waitFor();
    const event = page.locator('.version-record li[data-event="deleted"]', { hasText: 'prod/ledger/token' });
    await expect(event.textContent()).resolves.toContain('deleted in platform/secrets');
    await page.close();

    // The deleted secret's page: not in the estate any more, but its history says what became of it.
    const node = await open(`/node/${encodeURIComponent(LEDGER)}`);
    await node.getByRole('heading', { name: 'Not found' }).waitFor();
    const history = node.locator('.secret-history');
    await history.locator('li[data-event="deleted"]').waitFor();
    await expect(history.locator(`.alert-card[data-id="${alert?.id}"]`).count()).resolves.toBe(1);
    await node.screenshot({ path: join(SHOTS, 'node-deleted-secret-history.png'), fullPage: true });
    await node.close();

    // The banner's link opens the alert on the Changes page: its restore command and its consumers.
    await banner.getByRole('link', { name: 'See the alert and who is at risk' }).click();
    await status.waitForURL(`**/changes?alert=${encodeURIComponent(alert?.id ?? '')}`);
    const card = status.locator(`.alert-card[data-id="${alert?.id}"]`);
    await card.waitFor();
    await expect(card.getAttribute('class')).resolves.toContain('selected');
    await expect(card.locator('.badge').first().textContent()).resolves.toBe('open');
    await expect(card.locator('.recoverability').textContent()).resolves.toBe(alert?.recoverability);
    await expect(card.locator('.impacted-list > li').count()).resolves.toBe(
      Math.min(100, alert?.impacts.length ?? 0),
    );
    if (alert?.afterWindow)
      await expect(card.locator('.at-risk > summary').textContent()).resolves.toContain(
        `${alert.afterWindow} notice only after the recovery window closes`,
      );
    await status.screenshot({ path: join(SHOTS, 'changes-alert.png'), fullPage: true });
    expectNoValues(await status.content(), 'the Changes page');

    // A version of its own has a URL that survives a reload.
    await status.getByRole('link', { name: `Version ${before.versions[0]?.version}`, exact: true }).click();
    await status.waitForURL(`**/changes/${before.versions[0]?.version}`);
    await status.reload();
    await status.getByRole('heading', { name: `Version ${before.versions[0]?.version}` }).waitFor();
    await expect(status.locator('.version-record .empty').first().textContent()).resolves.toBe(
      'First version recorded: nothing to compare with.',
    );

    // Readable in the dark too.
    const dark = await open('/changes', 'dark');
    await dark.locator('.alert-banner').waitFor();
    await dark.locator('.alert-card').first().waitFor();
    await dark.screenshot({ path: join(SHOTS, 'changes-dark.png'), fullPage: true });
    await dark.close();

    // The producer restores it: the alert clears and the banner goes, with no reload.
    writeFileSync(
      join(dir, PRODUCER),
      JSON.stringify({
        ...JSON.parse(original),
        serial: (JSON.parse(original) as { serial: number }).serial + 2,
      }),
    );
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    const cleared = await api<AlertsAnswer>('/api/alerts?status=all');
    expect(cleared.alerts.find((a) => a.id === alert?.id)?.status).toBe('cleared');
    await expect
      .poll(() => status.locator('[data-testid="alert-counts"]').textContent(), { timeout: 10_000 })
      .toMatch(/^0 open · 0 expired · 1 cleared$/);
    await status.close();
  }, 120_000);
});
