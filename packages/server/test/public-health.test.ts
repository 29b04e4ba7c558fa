import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEstateStore } from '../src/estate-store.js';
import { MINI_ESTATE, makeApp } from './helpers.js';

describe('/api/health, which needs no token', () => {
  it('names the estate by its directory name, and an ingest failure without absolute paths', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'impact-health-'));
    const dir = join(parent, 'prod-estate');
    cpSync(MINI_ESTATE, dir, { recursive: true });
    const store = createEstateStore({ source: dir });
    expect(await store.ingest()).toBe(true);
    const app = await makeApp({ store, token: 'secret-token' });
    const ok = await app.inject('/api/health');
    expect(ok.json().estate.source).toBe('prod-estate');
    expect(ok.body).not.toContain(parent);
    rmSync(dir, { recursive: true, force: true });
    expect(await store.ingest()).toBe(false);
    const failed = await app.inject('/api/health');
    expect(failed.json()).toMatchObject({
      status: 'degraded',
      estate: { source: 'prod-estate' },
      ingest: {
        lastError:
          'no such file or directory: prod-estate (the estate is a directory, a snapshot file or an impact server URL)',
      },
    });
    expect(failed.body).not.toContain(parent);
    expect(failed.body).not.toContain(tmpdir());
    await app.close();
    rmSync(parent, { recursive: true, force: true });
  });
});
