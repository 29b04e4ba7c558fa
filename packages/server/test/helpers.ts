import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AppOptions, createApp } from '../src/app.js';
import type { App } from '../src/app-types.js';
import { createEstateStore, type EstateStore } from '../src/estate-store.js';

/** The server's own tiny estate: one producer, an ECS consumer, a monthly batch job. */
export const MINI_ESTATE = fileURLToPath(new URL('./fixtures/mini-estate', import.meta.url));
/** The repository's fixture estate (written by another issue; used when present). */
export const REPO_ESTATE = fileURLToPath(new URL('../../../fixtures/estate', import.meta.url));
export const hasRepoEstate = (): boolean => existsSync(`${REPO_ESTATE}/canaries.txt`);

export const SECRET_ID = 'platform/secrets::aws_secretsmanager_secret.db';
export const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/orders/db-AbC123';
export const NOW = '2026-01-10T00:00:00.000Z';

export function canaries(estate: string): string[] {
  return readFileSync(`${estate}/canaries.txt`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export async function loadedStore(estate = MINI_ESTATE): Promise<EstateStore> {
  const store = createEstateStore({ source: estate });
  if (!(await store.ingest())) throw new Error(`test estate did not load: ${store.status().lastError}`);
  return store;
}

export async function makeApp(options: Partial<AppOptions> & { estate?: string } = {}): Promise<App> {
  const { estate, ...rest } = options;
  const store = rest.store ?? (await loadedStore(estate));
  const app = createApp({ webRoot: null, ...rest, store });
  await app.ready();
  return app;
}

export const enc = encodeURIComponent;
