import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toSnapshot } from '../src/graph/snapshot.js';
import { type LoadedEstate, loadEstate } from '../src/node/load-estate.js';
import { ingestInWorkers } from '../src/node/parallel-ingest.js';
import { listEntries } from '../src/node/read-estate.js';

// Ingest workers run the compiled worker script (dist/), as `pnpm test` builds before it tests.
const ROOT = join(import.meta.dirname, '../../..');
const CORPUS = join(ROOT, '../shared/corpus');
const scratch = mkdtempSync(join(tmpdir(), 'impact-workers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Everything the graph holds and ingest reports, in a comparable form. */
function everything(loaded: LoadedEstate): unknown {
  if (!loaded.ok) return loaded.diagnostics;
  const { built } = loaded;
  return {
    snapshot: toSnapshot(built, 'estate', new Date(0)),
    stats: built.stats,
    diagnostics: built.diagnostics,
  };
}

async function bothWays(dir: string): Promise<[unknown, unknown]> {
  const one = everything(await loadEstate(dir, { workers: 0 }));
  const two = everything(await loadEstate(dir, { workers: 2 }));
  return [one, two];
}

describe('ingest in worker threads', () => {
  it('gives the fixture estate the same graph, counts and diagnostics as one thread', async () => {
    const [one, two] = await bothWays(join(ROOT, 'fixtures/estate'));
    expect((one as { stats: { edges: number } }).stats.edges).toBeGreaterThan(50);
    expect(two).toEqual(one);
  });

  it('gives a Terragrunt tree (units, dependencies, configuration-only consumers) the same graph', async () => {
    const [one, two] = await bothWays(join(ROOT, 'fixtures/terragrunt'));
    expect((one as { stats: { workspaces: number } }).stats.workspaces).toBe(5);
    expect(two).toEqual(one);
  });

  it('gives the organisation estate (scopes, grants, remote-state reads, ambiguous names) the same graph', async () => {
    const [one, two] = await bothWays(join(ROOT, 'fixtures/org'));
    expect(
      (one as { stats: { edgesByConfidence: Record<string, number> } }).stats.edgesByConfidence,
    ).toMatchObject({
      ambiguous: 4,
      guess: 1,
    });
    expect(two).toEqual(one);
  });

  it('gives every state of the shared corpus, and plans posing as states, the same graph', async () => {
    const dir = join(scratch, 'corpus');
    const states = readdirSync(join(CORPUS, 'state')).sort();
    const plans = readdirSync(join(CORPUS, 'plan')).sort().slice(0, 5);
    for (const [kind, names] of [
      ['state', states],
      ['plan', plans],
    ] as const) {
      for (const name of names) {
        const ws = join(dir, kind, name.replace(/\.[^.]*$/, ''));
        mkdirSync(ws, { recursive: true });
        cpSync(join(CORPUS, kind, name), join(ws, 'terraform.tfstate'));
      }
    }
    const [one, two] = await bothWays(dir);
    const { stats, diagnostics } = one as { stats: { workspaces: number }; diagnostics: { code: string }[] };
    expect(stats.workspaces).toBe(states.length + plans.length);
    expect(diagnostics.filter((d) => d.code === 'state.is-plan')).toHaveLength(plans.length);
    expect(two).toEqual(one);
  });

  it('gives bad files, a repeated workspace and a state that is a directory the same diagnostics', async () => {
    const dir = join(scratch, 'bad');
    cpSync(join(ROOT, 'fixtures/bad'), dir, { recursive: true });
    const states = readdirSync(dir).filter((d) => !d.endsWith('.txt'));
    const workspaces = states.map((d) => `  - { name: ${d}, state: ${d}/terraform.tfstate }`);
    writeFileSync(
      join(dir, 'impact.yaml'),
      `workspaces:\n${workspaces.join('\n')}\n  - { name: ok, state: v3/terraform.tfstate }\n  - { name: gone, state: v3 }\n`,
    );
    const [one, two] = await bothWays(dir);
    const codes = (one as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    expect(codes).toContain('estate.duplicate-workspace');
    expect(codes).toContain('file.not-regular');
    expect(two).toEqual(one);
  });

  it('rejects with the reason when a worker dies', async () => {
    const broken = join(scratch, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no worker today');\n");
    const estate = join(ROOT, 'fixtures/estate');
    const entries = await listEntries(estate, []);
    await expect(ingestInWorkers(estate, entries, [], 2, {}, broken)).rejects.toThrow(
      /ingest worker \d failed: no worker today/,
    );
  });
});
