import { it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate, useDigestKey } from '../../core/src/node.js';
import { openStore } from '../../store/src/index.js';
import { createRecorder } from '../src/history/recorder.js';
it('rec', async () => {
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'rb-')), 's'));
  useDigestKey(await store.digestKey());
  const est = process.env.EST as string;
  let t = performance.now();
  const a = await loadEstate(est); if (!a.ok) throw 1;
  console.log('load', Math.round(performance.now() - t));
  const rec = createRecorder({ store, estate: est });
  t = performance.now();
  await rec.record({ built: a.built, ingestedAt: new Date().toISOString(), states: [], trigger: 'start' });
  console.log('first record', Math.round(performance.now() - t));
  const b = await loadEstate(est); if (!b.ok) throw 2;
  // drop one secret node from the second graph
  let victim = '';
  b.built.graph.forEachNode((id, n) => { if (!victim && n.secret && n.kind === 'resource') victim = id; });
  b.built.graph.dropNode(victim);
  t = performance.now();
  const out = await rec.record({ built: b.built, ingestedAt: new Date().toISOString(), states: [], trigger: 'watch' });
  console.log('second record', Math.round(performance.now() - t), out.recorded && out.opened.length);
  await store.close();
}, 600000);
