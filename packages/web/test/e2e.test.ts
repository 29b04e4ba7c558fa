import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @impact/server is not a dependency of @impact/web, so its source is imported by path.
import { type RunningServer, startServer } from '../../server/src/index.js';

// The real dashboard in real headless Chromium, against the real server over the fixture estate.

const ROOT = join(import.meta.dirname, '../../..');
const ESTATE = join(ROOT, 'fixtures/estate');
const DIST = join(import.meta.dirname, '../dist');
const SHOTS = join(ROOT, 'artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ORDERS_DB = 'platform/secrets::aws_secretsmanager_secret.orders_db';
const LEDGER = 'platform/secrets::aws_secretsmanager_secret.ledger_token';
const canaries = readFileSync(join(ESTATE, 'canaries.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

let server: RunningServer;
let browser: Browser;
const seen: { url: string; html: string }[] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`packages/web/dist is missing: build it first (cd packages/web && npx vite build)`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ estate: ESTATE, port: 0, webRoot: DIST, logger: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => expect(errors, `page errors on ${path}`).toEqual([]));
  await page.goto(server.url + path);
  return page;
}

async function remember(page: Page): Promise<void> {
  seen.push({ url: page.url(), html: await page.content() });
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(server.url + path, init);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Sigma drew: a WebGL canvas of non-zero size, and the rendered graph area is not one flat colour. */
async function expectGraphDrawn(page: Page): Promise<void> {
  const sizes = await page.$$eval('.graph-canvas canvas', (canvases) =>
    canvases
      .filter(
        (c) => (c as HTMLCanvasElement).getContext('webgl2') ?? (c as HTMLCanvasElement).getContext('webgl'),
      )
      .map((c) => ({ w: (c as HTMLCanvasElement).width, h: (c as HTMLCanvasElement).height })),
  );
  expect(sizes.length, 'sigma WebGL canvases').toBeGreaterThan(0);
  for (const s of sizes) expect(s.w * s.h).toBeGreaterThan(0);
  const png = (await page.locator('.graph-canvas').screenshot()).toString('base64');
  const inked = await page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const [r, g, b] = [px[0], px[1], px[2]];
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] !== r || px[i + 1] !== g || px[i + 2] !== b) n++;
    return n;
  }, png);
  expect(inked, 'pixels that differ from the background').toBeGreaterThan(500);
}

interface ImpactAnswer {
  result: {
    impacts: { id: string; severity: string; workspace: string }[];
    summary: { impacted: number; worst: string | null };
    changes: unknown[];
  };
}

describe('the dashboard in Chromium', () => {
  it('opens the inventory and finds prod/orders/db', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'prod/orders/db', exact: true }).waitFor();
    const secrets = await api<{ total: number }>('/api/secrets?limit=500');
    await expect(page.locator('table.inventory tbody tr').count()).resolves.toBe(secrets.total);
    await page.getByLabel('Search').fill('orders');
    await expect(page.locator('table.inventory tbody tr').count()).resolves.toBe(1);
    await page.getByLabel('Search').fill('');
    await page.screenshot({ path: join(SHOTS, 'inventory.png'), fullPage: true });
    await remember(page);
    await page.close();
  });

  it('opens a secret: sigma draws its blast radius and the list matches the API', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'prod/orders/db', exact: true }).click();
    await page.waitForURL(`**/node/${encodeURIComponent(ORDERS_DB)}`);
    await page.locator('.impacted-list > li').first().waitFor();
    await page.locator('.graph-canvas canvas').first().waitFor();
    await page.waitForTimeout(500);
    await expectGraphDrawn(page);

    const answer = await api<ImpactAnswer>(
      `/api/nodes/${encodeURIComponent(ORDERS_DB)}/impact?action=delete`,
    );
    const listed = await page.$$eval('.impacted-list > li', (lis) =>
      lis.map((li) => `${li.getAttribute('data-id')} ${li.querySelector('.badge')?.textContent}`),
    );
    const expected = answer.result.impacts.map((i) => `${i.id} ${i.severity}`);
    expect([...listed].sort()).toEqual([...expected].sort());

    await page.screenshot({ path: join(SHOTS, 'node-orders-db.png'), fullPage: true });
    await remember(page);

    // Hovering the centre (the chosen secret) highlights its neighbours and shows its tooltip.
    // The frame leaves room on the right for labels, so the centre node sits a little left of the middle.
    const box = await page.locator('.graph-canvas').boundingBox();
    expect(box).not.toBeNull();
    for (let dx = 0; dx <= 120 && !(await page.locator('.graph-tooltip').isVisible()); dx += 6) {
      await page.mouse.move(
        (box?.x ?? 0) + (box?.width ?? 0) / 2 - dx,
        (box?.y ?? 0) + (box?.height ?? 0) / 2,
      );
      await page.waitForTimeout(30);
    }
    await page.locator('.graph-tooltip').waitFor({ timeout: 5000 });
    await expect(page.locator('.graph-tooltip').textContent()).resolves.toContain('orders_db');
    await page.locator('.graph-panel').screenshot({ path: join(SHOTS, 'graph-hover.png') });
    await remember(page);

    // Collapsing by workspace draws one node per workspace (plus the secret), through a new view graph.
    await page.mouse.move(0, 0);
    await page.getByLabel('Collapse by workspace').check();
    const workspaces = new Set(answer.result.impacts.map((i) => i.workspace));
    await expect(page.locator('.graph-toolbar').textContent()).resolves.toContain(
      `${workspaces.size + 1} nodes`,
    );
    await page.waitForTimeout(300);
    await expectGraphDrawn(page);
    await page.locator('.graph-panel').screenshot({ path: join(SHOTS, 'graph-collapsed.png') });

    // The deep link survives a reload.
    await page.reload();
    await page.locator('.impacted-list > li').first().waitFor();
    await expect(page.locator('h1').first().textContent()).resolves.toContain('orders_db');
    await page.close();
  });

  it('draws the timeline of a delete, with consumers after the window marked irrecoverable', async () => {
    const now = '2026-11-20T00:00:00.000Z';
    const page = await open(
      `/node/${encodeURIComponent(LEDGER)}?action=delete&now=${encodeURIComponent(now)}`,
    );
    await page.locator('.timeline svg').waitFor();
    const answer = await api<ImpactAnswer>(
      `/api/nodes/${encodeURIComponent(LEDGER)}/impact?action=delete&now=${encodeURIComponent(now)}`,
    );
    const lost = answer.result.impacts.filter((i) => i.severity === 'irrecoverable').length;
    expect(lost).toBeGreaterThan(0);
    await expect(page.locator('.tl-mark[data-irrecoverable="true"]').count()).resolves.toBe(lost);
    await expect(page.locator('input[type="date"]').inputValue()).resolves.toBe('2026-11-20');
    await page.locator('.timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'node-ledger-timeline.png'), fullPage: true });
    await page.locator('.timeline').screenshot({ path: join(SHOTS, 'timeline.png') });
    await remember(page);
    await page.close();
  });

  it('uploads a plan and shows its report', async () => {
    const file = join(ESTATE, 'plans/delete-secret.json');
    const answer = await api<ImpactAnswer>('/api/plans/impact', {
      method: 'POST',
      body: readFileSync(file, 'utf8'),
      headers: { 'content-type': 'application/json' },
    });
    const page = await open('/plan');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('heading', { name: /Report for/ }).waitFor();
    await expect(page.locator('.summary-line').textContent()).resolves.toContain(
      `${answer.result.summary.impacted} impacted`,
    );
    await expect(page.locator('.impacted-list > li').count()).resolves.toBe(answer.result.impacts.length);
    await expect(page.locator('table caption', { hasText: 'Changes' }).count()).resolves.toBe(1);
    await page.waitForTimeout(500);
    await expectGraphDrawn(page);
    await page.screenshot({ path: join(SHOTS, 'plan-report.png'), fullPage: true });
    await remember(page);
    // The report survives a reload of the tab.
    await page.reload();
    await page.getByRole('heading', { name: /Report for/ }).waitFor();
    await expect(page.locator('.impacted-list > li').count()).resolves.toBe(answer.result.impacts.length);
    await page.close();
  });

  it('serves the other pages, in light and dark', async () => {
    for (const [path, name, ready] of [
      ['/workspaces', 'workspaces', 'table'],
      [`/workspaces/${encodeURIComponent('platform/secrets')}`, 'workspace-platform-secrets', 'table'],
      ['/status', 'status', '.stat-cards'],
      ['/findings', 'findings', 'main h1'],
    ] as const) {
      const page = await open(path);
      await page.locator(ready).first().waitFor();
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      await remember(page);
      await page.close();
    }
    // Findings come a page at a time from the API; the page says which and how many in all.
    const findings = await open('/findings');
    await findings.locator('table.data-table tbody tr').first().waitFor();
    const { total } = await api<{ total: number }>('/api/findings?limit=1');
    await expect(findings.locator('.pager').first().textContent()).resolves.toBe(
      `Findings 1–${Math.min(total, 200)} of ${total}`,
    );
    await expect(findings.locator('table.data-table tbody tr').count()).resolves.toBe(Math.min(total, 200));
    await findings.close();

    const jump = await open('/workspaces');
    await jump.getByPlaceholder('Jump to any node…').fill('ledger_export');
    await jump.waitForResponse((r) => r.url().includes('/api/nodes?q=ledger_export'));
    await jump.getByPlaceholder('Jump to any node…').press('Enter');
    await jump.waitForURL('**/node/**');
    await jump.locator('.impacted-list, .empty').first().waitFor();
    await jump.close();

    const missing = await open(`/node/${encodeURIComponent('nowhere::aws_s3_bucket.none')}`);
    await missing.getByRole('alert').first().waitFor();
    await expect(missing.getByRole('alert').first().textContent()).resolves.toContain('NOT_FOUND');
    await missing.screenshot({ path: join(SHOTS, 'error-unknown-node.png') });
    await remember(missing);
    await missing.close();

    const dark = await open(`/node/${encodeURIComponent(ORDERS_DB)}?action=replace`, 'dark');
    await dark.locator('.impacted-list > li').first().waitFor();
    await dark.waitForTimeout(500);
    await expectGraphDrawn(dark);
    await dark.screenshot({ path: join(SHOTS, 'node-orders-db-replace-dark.png'), fullPage: true });
    await remember(dark);
    await dark.close();
  });

  it('never shows a secret value on any page', () => {
    expect(canaries.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThanOrEqual(8);
    for (const { url, html } of seen)
      for (const canary of canaries) expect(html.includes(canary), `${canary} on ${url}`).toBe(false);
  });
});
