import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type LoadedEstate, loadEstate } from '../src/node/load-estate.js';

const ROOT = join(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'impact-hostile-'));
afterAll(() => {
  chmodSync(scratch, 0o755);
  rmSync(scratch, { recursive: true, force: true });
});

const DEPTH = 20_000;
// Written as text: JSON.stringify itself overflows on values this deep.
const nestedArrays = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
const SENSITIVE_PATH = JSON.stringify(
  Array.from({ length: DEPTH }, () => ({ type: 'get_attr', value: 'a' })),
);

function stateWith(outputs: string, resources: string): string {
  return `{"version":4,"terraform_version":"1.9.8","serial":1,"lineage":"l","outputs":${outputs},"resources":${resources}}`;
}

/** An estate of one good workspace beside every kind of hostile file, each in its own workspace. */
function hostileEstate(): string {
  const dir = join(scratch, 'estate');
  mkdirSync(dir);
  cpSync(join(ROOT, 'fixtures/bad/ok'), join(dir, 'good'), { recursive: true });
  const ws = (name: string) => {
    mkdirSync(join(dir, name));
    return join(dir, name, 'terraform.tfstate');
  };
  execFileSync('mkfifo', [ws('fifo')]);
  symlinkSync('/dev/zero', ws('zero'));
  writeFileSync(
    ws('deep-output'),
    stateWith(`{"o":{"type":"dynamic","value":${nestedArrays(DEPTH)}}}`, '[]'),
  );
  const parameter = `{"mode":"managed","type":"aws_ssm_parameter","name":"p","provider":"provider[\\"registry.terraform.io/hashicorp/aws\\"]","instances":[{"schema_version":0,"attributes":{"tags":${nestedObjects(DEPTH)}},"sensitive_attributes":[${SENSITIVE_PATH}]}]}`;
  writeFileSync(ws('deep-sensitive'), stateWith('{}', `[${parameter}]`));
  const modules = `${'{"resources":[],"child_modules":['.repeat(DEPTH)}{"resources":[]}${']}'.repeat(DEPTH)}`;
  writeFileSync(
    ws('deep-modules'),
    `{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":${modules}}}`,
  );
  return dir;
}

function byFile(loaded: LoadedEstate): Record<string, string> {
  if (!loaded.ok) throw new Error(`did not load: ${JSON.stringify(loaded.diagnostics)}`);
  return Object.fromEntries(loaded.built.diagnostics.map((d) => [d.file, `${d.code}: ${d.message}`]));
}

describe('hostile files fail alone', () => {
  const estate = hostileEstate();
  const expected = {
    'fifo/terraform.tfstate': 'file.not-regular: cannot read state: not a regular file but a FIFO',
    'zero/terraform.tfstate':
      'file.not-regular: cannot read state: not a regular file but a character device',
    'deep-output/terraform.tfstate': 'file.too-deep: the JSON is nested deeper than 256 levels',
    'deep-sensitive/terraform.tfstate': 'file.too-deep: the JSON is nested deeper than 256 levels',
    'deep-modules/terraform.tfstate': 'file.too-deep: the JSON is nested deeper than 256 levels',
  };

  it('a FIFO, a link to /dev/zero and JSON nested 20,000 deep are one diagnostic each; the rest ingests', async () => {
    const loaded = await loadEstate(estate);
    expect(byFile(loaded)).toEqual(expected);
    if (!loaded.ok) return;
    expect(loaded.built.graph.hasNode('good::aws_secretsmanager_secret.ok')).toBe(true);
  });

  it('is the same in worker threads', async () => {
    expect(byFile(await loadEstate(estate, { workers: 2 }))).toEqual(expected);
  });
});

/**
 * Runs `loadEstate` on `dir` in a process that file modes bind: as `nobody` when the tests run
 * as root (root reads a mode-000 file), else in this process. The build's dist is what runs there.
 */
function loadUnprivileged(dir: string): Record<string, string> {
  const core = pathToFileURL(join(ROOT, 'packages/core/dist/node.js')).href;
  const script = `const { loadEstate } = await import(${JSON.stringify(core)});
const loaded = await loadEstate(${JSON.stringify(dir)});
process.stdout.write(JSON.stringify(loaded.ok ? { ok: true, diagnostics: loaded.built.diagnostics, resources: loaded.built.stats.resources } : loaded));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
  });
  if (run.status !== 0) throw new Error(`ingest failed: ${run.stderr}`);
  const loaded = JSON.parse(run.stdout) as {
    ok: boolean;
    resources: number;
    diagnostics: { file: string; code: string; message: string }[];
  };
  expect(loaded.ok).toBe(true);
  expect(loaded.resources).toBeGreaterThan(0);
  return Object.fromEntries(loaded.diagnostics.map((d) => [d.file, `${d.code}: ${d.message}`]));
}

describe('unreadable files and directories', () => {
  it('are one diagnostic each, not a failed ingest, nor silently skipped', () => {
    const dir = join(scratch, 'modes');
    cpSync(join(ROOT, 'fixtures/bad/ok'), join(dir, 'good'), { recursive: true });
    writeFileSync(join(dir, 'good/main.tf'), 'output "o" {\n  value = 1\n}\n');
    writeFileSync(join(dir, 'good/locked.tf'), 'output "p" {\n  value = 2\n}\n');
    chmodSync(join(dir, 'good/locked.tf'), 0o000);
    cpSync(join(ROOT, 'fixtures/bad/ok'), join(dir, 'closed/app'), { recursive: true });
    chmodSync(join(dir, 'closed'), 0o000);
    chmodSync(scratch, 0o755);
    expect(loadUnprivileged(dir)).toEqual({
      'good/locked.tf': 'file.unreadable: cannot read configuration: EACCES',
      closed: 'dir.unreadable: cannot list the directory: EACCES',
    });
  });
});
