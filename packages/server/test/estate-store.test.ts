import type { EstateIngest, IngestOutcome, LoadedEstate } from '@impact/core/node';
import { loadEstate } from '@impact/core/node';
import { describe, expect, it, vi } from 'vitest';
import { createEstateStore } from '../src/estate-store.js';
import { MINI_ESTATE, makeApp } from './helpers.js';

/** A loader the test releases by hand, to hold an ingest "running". */
function gatedLoader(results: (() => Promise<LoadedEstate>)[]) {
  let calls = 0;
  const gates: (() => void)[] = [];
  const load = async (): Promise<LoadedEstate> => {
    const next = results[Math.min(calls, results.length - 1)] as () => Promise<LoadedEstate>;
    calls++;
    await new Promise<void>((resolve) => gates.push(resolve));
    return next();
  };
  return { load, calls: () => calls, release: () => gates.shift()?.() };
}

const good = () => loadEstate(MINI_ESTATE);
const failing = async (): Promise<LoadedEstate> => ({
  ok: false,
  diagnostics: [{ severity: 'error', code: 'estate.missing', message: 'estate not found: /gone' }],
});
const empty = () => loadEstate(`${MINI_ESTATE}/plans`);

describe('estate store', () => {
  it('coalesces concurrent ingests into one run', async () => {
    const gate = gatedLoader([good]);
    const store = createEstateStore({ source: MINI_ESTATE, load: gate.load });
    const runs = [store.ingest(), store.ingest(), store.ingest()];
    expect(store.status().state).toBe('running');
    await new Promise((r) => setTimeout(r, 10));
    gate.release();
    expect(await Promise.all(runs)).toEqual([true, true, true]);
    expect(gate.calls()).toBe(1);
    expect(store.status().state).toBe('idle');
    expect(store.current()?.built.stats.workspaces).toBe(3);
  });

  it('keeps serving the last good graph when an ingest fails, and says why in health', async () => {
    const gate = gatedLoader([good, failing, empty, good]);
    const store = createEstateStore({ source: MINI_ESTATE, load: gate.load });
    const first = store.ingest();
    await new Promise((r) => setTimeout(r, 5));
    gate.release();
    await first;
    const graph = store.current()?.built.graph;
    const app = await makeApp({ store });

    const second = store.ingest();
    await new Promise((r) => setTimeout(r, 5));
    expect((await app.inject('/api/health')).json().ingest.state).toBe('running');
    gate.release();
    expect(await second).toBe(false);
    expect(store.current()?.built.graph).toBe(graph);
    let health = (await app.inject('/api/health')).json();
    expect(health).toMatchObject({
      status: 'degraded',
      ingest: { state: 'idle', lastError: 'estate not found: gone' },
    });
    expect((await app.inject('/api/workspaces')).json().items).toHaveLength(3);

    const third = store.ingest();
    await new Promise((r) => setTimeout(r, 5));
    gate.release();
    expect(await third).toBe(false);
    expect(store.status().lastError).toMatch(
      /^no workspace in .*: it has no impact.yaml and no \*.tfstate below it/,
    );
    expect(store.current()?.built.graph).toBe(graph);

    const fourth = store.ingest();
    await new Promise((r) => setTimeout(r, 5));
    gate.release();
    expect(await fourth).toBe(true);
    health = (await app.inject('/api/health')).json();
    expect(health.status).toBe('ok');
    expect(health.ingest.lastError).toBeUndefined();
    await app.close();
  });

  it('turns a throwing loader into lastError rather than a rejection', async () => {
    const store = createEstateStore({
      source: 'x',
      load: async () => {
        throw new Error('disk on fire');
      },
    });
    expect(await store.ingest()).toBe(false);
    expect(store.status().lastError).toBe('disk on fire');
  });

  it('answers 503 with the error shape before any estate has loaded', async () => {
    const store = createEstateStore({ source: '/nowhere', load: failing });
    const app = await makeApp({ store });
    const res = await app.inject('/api/workspaces');
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('ESTATE_UNAVAILABLE');
    const health = (await app.inject('/api/health')).json();
    expect(health).toMatchObject({ status: 'degraded', estate: { source: 'nowhere', ingestedAt: null } });
    await app.close();
  });

  it('takes the next answer whole after giving an ingest up: it may have patched the graph meanwhile', async () => {
    vi.useFakeTimers();
    const first = await good();
    const later = await good();
    if (!first.ok || !later.ok) throw new Error('the mini estate does not load');
    // An incremental ingest: its first run finishes only after the store gave it up, with the graph
    // patched in place; asked again, it says nothing changed since (and hands that graph back).
    const outcome = (built: typeof first.built, changed: boolean): IngestOutcome => ({
      ok: true,
      built,
      changed,
      source: MINI_ESTATE,
      ingestedAt: '2026-01-01T00:00:00.000Z',
      summary: {
        workspaces: 3,
        fetched: 0,
        reused: 3,
        relinked: 0,
        reread: 0,
        removed: 0,
        ms: 1,
        patched: true,
      },
      states: [],
    });
    let calls = 0;
    let finishLate: (() => void) | undefined;
    const estate: EstateIngest = {
      name: MINI_ESTATE,
      sources: () => [],
      ingest: async () => {
        calls++;
        if (calls === 1) return outcome(first.built, true);
        if (calls === 2) {
          await new Promise<void>((resolve) => {
            finishLate = resolve;
          });
          return outcome(later.built, true);
        }
        return outcome(later.built, false);
      },
    };
    const store = createEstateStore({ source: MINI_ESTATE, estate, timeoutMs: 60_000 });
    expect(await store.ingest()).toBe(true);
    expect(store.current()?.built).toBe(first.built);
    const stuck = store.ingest();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await stuck).toBe(false);
    finishLate?.();
    vi.useRealTimers();
    expect(await store.ingest()).toBe(true);
    expect(store.current()?.built).toBe(later.built);
  });

  it('gives up an ingest that never finishes, so the next one starts afresh', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const store = createEstateStore({
      source: MINI_ESTATE,
      timeoutMs: 60_000,
      // The first load hangs for ever (a read that never returns); the next ones work.
      load: () => (++calls === 1 ? new Promise<LoadedEstate>(() => {}) : good()),
    });
    const stuck = store.ingest();
    expect(store.ingest()).toBe(stuck);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await stuck).toBe(false);
    expect(store.status()).toMatchObject({
      state: 'idle',
      lastError: 'the ingest did not finish within 60 s and was given up',
    });
    vi.useRealTimers();
    expect(await store.ingest()).toBe(true);
    expect(calls).toBe(2);
    expect(store.status().lastError).toBeUndefined();
    expect(store.current()?.built.stats.workspaces).toBe(3);
  });
});
