import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESTATE, NOW, PLANS, runCli } from './run-cli.js';

// The fixture estate holds deliberately broken files; how many may change as scenarios are added.
const SKIPPED = expect.stringMatching(
  /^(impact: \d+ estate file\(s\) could not be used \(run `impact ingest fixtures\/estate` for details\)\n)?$/,
);

describe('exit codes, from a real process', () => {
  it('0 when nothing at or above --fail-on is impacted', async () => {
    const run = await runCli([`${PLANS}/harmless.json`, '--estate', ESTATE, '--now', NOW]);
    expect(run).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^impact: 1 change in platform\/secrets \(inferred from the plan\) → 0 impacted/,
      ),
      stderr: SKIPPED,
    });
  });

  it('1 when the plan breaks something; 0 with --fail-on never; 1 with --fail-on irrecoverable', async () => {
    const args = [`${PLANS}/delete-secret.json`, '--estate', ESTATE, '--now', NOW];
    const breaks = await runCli(args);
    expect(breaks).toEqual({
      code: 1,
      stdout: expect.stringMatching(
        /^impact: \d+ changes in platform\/secrets .*\d+ irrecoverable, \d+ breaks/,
      ),
      stderr: SKIPPED,
    });
    expect(await runCli([...args, '--fail-on', 'never', '--quiet'])).toEqual({
      code: 0,
      stdout: breaks.stdout,
      stderr: '',
    });
    expect((await runCli([...args, '--fail-on', 'irrecoverable', '--quiet'])).code).toBe(1);
    const replace = [`${PLANS}/replace-secret.json`, '--estate', ESTATE, '--now', NOW, '--quiet'];
    expect((await runCli([...replace, '--fail-on', 'irrecoverable'])).code).toBe(0);
    expect((await runCli([...replace, '--fail-on', 'degraded'])).code).toBe(1);
  });

  it('2 for a binary plan file, and says how to make the JSON', async () => {
    expect(await runCli([`${PLANS}/not-a-plan.bin`, '--estate', ESTATE])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'impact: error: fixtures/estate/plans/not-a-plan.bin: this is a binary plan file, not JSON; convert it with `terraform show -json plan.out > plan.json` [plan.binary]\n',
    });
  });

  it('2 for a missing plan, a missing estate, no estate, a bad flag and an unknown format major', async () => {
    expect(await runCli(['nope.json', '--estate', ESTATE])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impact: error: no such file: nope.json [file.unreadable]\n',
    });
    expect(await runCli([`${PLANS}/harmless.json`, '--estate', 'no/such/estate'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'impact: error: no such file or directory: no/such/estate (the estate is a directory, a snapshot file or an impact server URL) [estate.missing]\n',
    });
    expect(await runCli([`${PLANS}/harmless.json`])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impact: no estate: pass --estate <dir|snapshot|url> or set IMPACT_ESTATE\n',
    });
    expect(await runCli([`${PLANS}/harmless.json`, '--estate', ESTATE, '--format', 'pdf'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impact: --format pdf is not one of text, markdown, json, sarif, github\n',
    });
    const dir = mkdtempSync(join(tmpdir(), 'impact-cli-'));
    const future = join(dir, 'future.json');
    const plan = JSON.parse(readFileSync(`fixtures/estate/plans/harmless.json`, 'utf8').toString());
    writeFileSync(future, JSON.stringify({ ...plan, format_version: '2.0' }));
    const run = await runCli([future, '--estate', ESTATE]);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^impact: error: .*future\.json: .*2\.0/);
  });

  it('2 for an impact.yaml that is not YAML or names a missing state, with the reason and no value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-cli-'));
    writeFileSync(join(dir, 'terraform.tfstate'), readFileSync('fixtures/bad/ok/terraform.tfstate'));
    const canary = 'CANARY-manifest-cli-9f3k';
    writeFileSync(
      join(dir, 'impact.yaml'),
      `workspaces:\n  - name: ok\n    state: terraform.tfstate\n    backend: { type: s3, secret_key: "${canary} }\n`,
    );
    for (const command of [
      ['ingest', dir],
      ['findings', '--estate', dir],
      ['query', 'bad/ok', '--estate', dir],
    ])
      expect([command[0], await runCli(command)]).toEqual([
        command[0],
        {
          code: 2,
          stdout: '',
          stderr:
            'impact: error: impact.yaml: line 5, column 1: not valid YAML: a closing quote or bracket is missing [manifest.invalid]\n',
        },
      ]);
    writeFileSync(
      join(dir, 'impact.yaml'),
      'workspaces:\n  - name: ok\n    state: terraform.tfstate\n  - name: gone\n    state: gone/terraform.tfstate\n',
    );
    expect(await runCli(['ingest', dir])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'impact: error: impact.yaml: workspace "gone" (workspaces[1], line 4): state file gone/terraform.tfstate does not exist [manifest.state-missing]\n',
    });
  });

  it('--workers ingests in worker threads with the same report; a bad count is refused', async () => {
    const one = await runCli(['ingest', ESTATE, '--format', 'json']);
    const two = await runCli(['ingest', ESTATE, '--format', 'json', '--workers', '2']);
    expect(one.code).toBe(0);
    expect(two).toEqual(one);
    expect(await runCli(['ingest', ESTATE, '--workers', 'many'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impact: --workers many must be a whole number ≥ 0\n',
    });
    expect((await runCli(['ingest', ESTATE, '--workers', '99'])).stderr).toBe(
      'impact: --workers 99 is more than 16\n',
    );
  });

  it('writes several formats in one run, the text summary still on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-cli-'));
    const run = await runCli([
      `${PLANS}/delete-secret.json`,
      '--estate',
      ESTATE,
      '--now',
      NOW,
      '--quiet',
      '--format',
      `markdown=${dir}/comment.md`,
      '--format',
      `sarif=${dir}/impact.sarif`,
      '--format',
      `json=${dir}/impact.json`,
      '--format',
      `github=${dir}/annotations.txt`,
    ]);
    expect(run).toEqual({ code: 1, stdout: expect.stringMatching(/^impact: 3 changes/), stderr: '' });
    const json = JSON.parse(readFileSync(`${dir}/impact.json`, 'utf8'));
    expect(json.formatVersion).toBe('1.0');
    expect(json.summary.bySeverity.irrecoverable).toBeGreaterThan(0);
    const md = readFileSync(`${dir}/comment.md`, 'utf8');
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('```mermaid');
    // One SARIF result per impact, and one per finding on what the plan touches.
    expect(JSON.parse(readFileSync(`${dir}/impact.sarif`, 'utf8')).runs[0].results).toHaveLength(
      json.impacts.length + json.findings.length,
    );
    expect(readFileSync(`${dir}/annotations.txt`, 'utf8')).toContain(
      '::error file=configs/batch/ledger-export/main.tf,line=105,',
    );
  });

  it('--output takes the one plain format; colour never goes to a pipe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-cli-'));
    const run = await runCli(
      [
        `${PLANS}/delete-secret.json`,
        '--estate',
        ESTATE,
        '--now',
        NOW,
        '--format',
        'markdown',
        '--output',
        `${dir}/c.md`,
      ],
      { FORCE_COLOR: '1' },
    );
    expect(run).toEqual({ code: 1, stdout: '', stderr: SKIPPED });
    expect(readFileSync(`${dir}/c.md`, 'utf8')).toMatch(/^<!-- impact-report -->\n### ⛔ impact/);
    const two = await runCli([
      `${PLANS}/harmless.json`,
      '--estate',
      ESTATE,
      '--format',
      'text',
      '--format',
      'json',
    ]);
    expect(two).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impact: only one report can go to stdout; write the others with --format <format>=<file>\n',
    });
  });

  it('analyses several plans as one report; a consumer hit by several changes is listed once', async () => {
    const run = await runCli([
      `${PLANS}/delete-secret.json`,
      `${PLANS}/network-harmless.json`,
      '--estate',
      ESTATE,
      '--now',
      NOW,
      '--quiet',
      '--format',
      'json',
    ]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    const result = JSON.parse(run.stdout);
    expect(result.workspace).toBe('platform/secrets, shared/network');
    const ids = result.impacts.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.impacts.some((i: { alsoChangedBy?: string[] }) => i.alsoChangedBy?.length)).toBe(true);
  });
});
