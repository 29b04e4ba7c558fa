import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTATE, ROOT, runCli } from './run-cli.js';

const ORDERS = 'platform/secrets::aws_secretsmanager_secret.orders_db';
const canaries = readFileSync(join(ROOT, ESTATE, 'canaries.txt'), 'utf8')
  .split('\n')
  .filter(Boolean);
let dir: string;
let changed: string;
let snapshot: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'impact-cli-diff-'));
  changed = join(dir, 'estate');
  cpSync(join(ROOT, ESTATE), changed, { recursive: true });
  const file = join(changed, 'acme-tfstate/platform/secrets.tfstate');
  const state = JSON.parse(readFileSync(file, 'utf8')) as { resources: { type: string; name: string }[] };
  state.resources = state.resources.filter(
    (r) => r.name !== 'orders_db' || !r.type.startsWith('aws_secretsmanager_'),
  );
  writeFileSync(file, JSON.stringify(state));
  snapshot = join(dir, 'before.snapshot');
  expect((await runCli(['ingest', ESTATE, '--out', snapshot, '--quiet'])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('impact diff, from a real process', () => {
  it('text: the summary, then the deleted secret first; exit 0 (1 only with --fail-on-change)', async () => {
    const run = await runCli(['diff', snapshot, changed, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^impact diff: 3 secret event\(s\); workspaces \+0 -0; resources \+0 -5 ~0; edges \+0 -\d+$/,
    );
    expect(lines.slice(1, 4)).toEqual([
      '',
      'Secret lifecycle',
      expect.stringMatching(
        /^ {2}deleted +platform\/secrets::aws_secretsmanager_secret\.orders_db — restorable for 30 days; 8 consumer\(s\): /,
      ),
    ]);
    expect((await runCli(['diff', snapshot, changed, '--quiet', '--fail-on-change'])).code).toBe(1);
    expect((await runCli(['diff', snapshot, ESTATE, '--quiet', '--fail-on-change'])).code).toBe(0);
  });

  it('json: a versioned document, and markdown to a file; no canary in either', async () => {
    const md = join(dir, 'diff.md');
    const run = await runCli([
      'diff',
      ESTATE,
      changed,
      '--quiet',
      '--format',
      'json',
      '--format',
      `markdown=${md}`,
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.formatVersion).toBe('1.0');
    expect(doc.secretEvents[0]).toMatchObject({
      event: 'deleted',
      secret: { id: ORDERS },
      recoveryWindowDays: 30,
    });
    expect(doc.resources.removed).toContain(ORDERS);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toMatch(/^## impact diff\n/);
    for (const canary of canaries) {
      expect(run.stdout).not.toContain(canary);
      expect(markdown).not.toContain(canary);
    }
  });

  it('2 for a missing side (naming it), one side only, or a format diff does not write', async () => {
    expect(await runCli(['diff', 'nope.json', ESTATE])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'impact: the old estate nope.json: error: no such file or directory: nope.json (the estate is a directory, a snapshot file or an impact server URL) [estate.missing]\n',
    });
    expect(await runCli(['diff', ESTATE])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'impact: diff needs two estates, <old> and <new> (snapshot files or estate directories); got 1\n',
    });
    expect((await runCli(['diff', ESTATE, ESTATE, '--format', 'sarif'])).stderr).toBe(
      'impact: diff writes text, markdown or json\n',
    );
  });
});
