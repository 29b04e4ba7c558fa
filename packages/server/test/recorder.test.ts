import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate } from '@impact/core/node';
import { openStore } from '@impact/store';
import { expect, it } from 'vitest';
import { createRecorder } from '../src/history/recorder.js';
import { MINI_ESTATE, REPO_ESTATE } from './helpers.js';

it('records only the newest of the graphs taken while a recording runs, and never the same graph twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'impact-recorder-'));
  const store = await openStore(join(dir, 'store'));
  try {
    const load = async (estate: string) => {
      const loaded = await loadEstate(estate);
      if (!loaded.ok) throw new Error('fixture did not load');
      return loaded.built;
    };
    const [a, b, c] = [await load(REPO_ESTATE), await load(MINI_ESTATE), await load(REPO_ESTATE)];
    const recorder = createRecorder({ store, estate: REPO_ESTATE });
    const at = new Date().toISOString();
    const taken = (built: typeof a) => ({ built, ingestedAt: at, states: [], trigger: 'watch' as const });
    // Three graphs handed in before the first could be recorded: only the newest is.
    const outcomes = await Promise.all([
      recorder.record(taken(a)),
      recorder.record(taken(b)),
      recorder.record(taken(c)),
    ]);
    expect(outcomes.map((o) => (o.recorded ? o.version.version : o.reason))).toEqual([
      'superseded',
      'superseded',
      1,
    ]);
    const again = await recorder.record(taken(c));
    expect(again).toEqual({ recorded: false, reason: 'unchanged' });
    const next = await recorder.record(taken(b));
    expect(next.recorded && next.version.version).toBe(2);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
