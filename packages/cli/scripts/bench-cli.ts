// Cold-start benchmark: the median wall time of `impact plan` on a snapshot of the fixture estate,
// each run a fresh node process (as in CI). Run from the repository root after `pnpm run build`:
//   pnpm --filter @impact/cli run bench [runs]
// (Node 20 cannot run TypeScript, so the script is compiled to a temporary directory first.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.env.INIT_CWD ?? process.cwd();
const bin = join(root, 'packages/cli/dist/bin.js');
const runs = Number(process.argv[2] ?? 15);
const snapshot = join(mkdtempSync(join(tmpdir(), 'impact-bench-')), 'estate.json');

const ingest = spawnSync(process.execPath, [bin, 'ingest', 'fixtures/estate', '--out', snapshot, '--quiet'], {
  cwd: root,
});
if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);

function time(args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'ignore' });
  if (run.status === 2) throw new Error(`impact ${args.join(' ')} exited 2`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const cases: Record<string, string[]> = {
  'node -e 0 (floor)': [],
  'impact --version': ['--version'],
  'impact plan (snapshot, text)': [
    'fixtures/estate/plans/delete-secret.json',
    '--estate',
    snapshot,
    '--now',
    '2026-12-02T00:00:00Z',
  ],
  'impact plan (snapshot, every format)': [
    'fixtures/estate/plans/delete-secret.json',
    '--estate',
    snapshot,
    '--now',
    '2026-12-02T00:00:00Z',
    '--format',
    `markdown=${snapshot}.md`,
    '--format',
    `sarif=${snapshot}.sarif`,
    '--format',
    `json=${snapshot}.result.json`,
  ],
  'impact plan (directory, ingest each run)': [
    'fixtures/estate/plans/delete-secret.json',
    '--estate',
    'fixtures/estate',
    '--now',
    '2026-12-02T00:00:00Z',
    '--quiet',
  ],
};

console.log(`impact CLI cold start, median of ${runs} runs (node ${process.version})`);
for (const [name, args] of Object.entries(cases)) {
  const samples = Array.from({ length: runs }, () =>
    args.length === 0
      ? (() => {
          const s = process.hrtime.bigint();
          spawnSync(process.execPath, ['-e', '0']);
          return Number(process.hrtime.bigint() - s) / 1e6;
        })()
      : time(args),
  );
  console.log(`${name.padEnd(42)} ${median(samples).toFixed(0).padStart(6)} ms`);
}
