import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESTATE, NOW, PLANS, runCli } from './run-cli.js';

const usage = (stderr: string) => ({ code: 2, stdout: '', stderr });

// The estate as a snapshot: the messages are about the commands, and a snapshot loads without
// parsing HCL, which keeps thirty processes quick.
const SNAPSHOT = join(mkdtempSync(join(tmpdir(), 'impact-messages-')), 'estate.snapshot');
beforeAll(async () => {
  const run = await runCli(['ingest', ESTATE, '--out', SNAPSHOT, '--quiet']);
  if (run.code !== 0) throw new Error(`cannot write the snapshot: ${run.stderr}`);
});

describe('messages in the user’s words, from a real process', () => {
  it('bare impact prints the usage and does not pass for a success; --help does', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toMatch(/^impact — what breaks/);
    expect((await runCli(['--help'])).code).toBe(0);
  });

  it('an unknown command, with a suggestion', async () => {
    expect(await runCli(['qurey', 'prod/orders/db'])).toEqual(
      usage(
        "impact: unknown command 'qurey' — did you mean 'query'? (the commands are plan, query, ingest, findings, serve, diff; a plan is given as its .json file)\n",
      ),
    );
  });

  it('unknown and malformed flags, with a suggestion', async () => {
    expect(await runCli([`${PLANS}/harmless.json`, '--fromat', 'json'])).toEqual(
      usage('impact: unknown option --fromat — did you mean --format?; see impact --help\n'),
    );
    expect(await runCli(['query', 'x', '--estate', SNAPSHOT, '--depth', '-1'])).toEqual(
      usage('impact: --depth -1 must be a whole number ≥ 1\n'),
    );
    expect(await runCli(['query', 'x', '--estate'])).toEqual(
      usage('impact: --estate needs a value; see impact --help\n'),
    );
    expect(await runCli(['query', 'x', '--quiet=yes'])).toEqual(usage('impact: --quiet takes no value\n'));
    expect(await runCli(['query', 'x', '--estate', SNAPSHOT, '--limit', '6000'])).toEqual(
      usage('impact: --limit 6000 is more than 5000 impacts listed\n'),
    );
  });

  it('--format takes any case and the md alias; a wrong one is refused with a suggestion', async () => {
    const args = [`${PLANS}/harmless.json`, '--estate', SNAPSHOT, '--now', NOW, '--quiet'];
    const md = await runCli([...args, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('<!-- impact-report -->');
    expect((await runCli([...args, '--format', 'JSON'])).stdout).toMatch(/^\{/);
    expect(await runCli([...args, '--format', 'markdwn'])).toEqual(
      usage(
        'impact: --format markdwn is not one of text, markdown, json, sarif, github — did you mean markdown?\n',
      ),
    );
  });

  it('--recovery-window is 0 or 7–30 days', async () => {
    for (const w of ['5', '31', '-2'])
      expect(await runCli(['query', 'prod/orders/db', '--estate', SNAPSHOT, '--recovery-window', w])).toEqual(
        usage(
          `impact: --recovery-window ${w}: Secrets Manager keeps a deleted secret 0 days or 7 to 30 days\n`,
        ),
      );
    expect(
      (await runCli(['query', 'prod/orders/db', '--estate', SNAPSHOT, '--recovery-window', '0', '--quiet']))
        .code,
    ).toBe(1);
  });

  it('missing files and directories, and a path that cannot be written, without an errno or a stack', async () => {
    expect(await runCli(['nope.json', '--estate', SNAPSHOT])).toEqual(
      usage('impact: error: no such file: nope.json [file.unreadable]\n'),
    );
    expect(await runCli([PLANS, '--estate', SNAPSHOT])).toEqual(
      usage(`impact: error: ${PLANS} is a directory, not a file [file.unreadable]\n`),
    );
    const run = await runCli([
      `${PLANS}/harmless.json`,
      '--estate',
      SNAPSHOT,
      '--quiet',
      '--format',
      'json=README.md/out.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'impact: cannot write README.md/out.json: README.md is a file, not a directory\n',
    );
  });

  it('an --estate that names a file of the estate points at its directory', async () => {
    for (const file of [`${ESTATE}/impact.yaml`, `${ESTATE}/acme-tfstate/platform/secrets.tfstate`])
      expect(await runCli(['findings', '--estate', file])).toEqual(
        usage(
          `impact: --estate ${file} is a file of the estate, not the estate: pass its directory (--estate ${file.slice(0, file.lastIndexOf('/'))})\n`,
        ),
      );
  });

  it('an empty estate is one message, exit 2, in every command', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'impact-empty-'));
    mkdirSync(join(empty, 'nothing-here'));
    const message = `impact: no workspace in ${empty}: it has no impact.yaml and no *.tfstate below it\n`;
    expect(await runCli(['findings', '--estate', empty])).toEqual(usage(message));
    expect(await runCli(['query', 'prod/orders/db', '--estate', empty])).toEqual(usage(message));
    expect(await runCli([`${PLANS}/harmless.json`, '--estate', empty])).toEqual(usage(message));
    expect(await runCli(['ingest', empty])).toEqual(usage(message));
    expect(await runCli(['serve', '--estate', empty, '--port', '0'])).toEqual(usage(message));
  });

  it('a --workspace that holds none of the plan’s prior resources is not a pass', async () => {
    const run = await runCli([
      `${PLANS}/harmless.json`,
      '--estate',
      SNAPSHOT,
      '--workspace',
      'apps/checkout',
      '--quiet',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('workspace apps/checkout holds none of the 26 resources of the plan');
    expect(run.stderr).toContain('[plan.workspace-mismatch]');
  });

  it('query finds what people type, narrows by --workspace and offers near misses', async () => {
    const found = await runCli([
      'query',
      'orders_db',
      '--estate',
      SNAPSHOT,
      '--now',
      NOW,
      '--quiet',
      '--format',
      'json',
    ]);
    expect(JSON.parse(found.stdout).changes[0].id).toBe(
      'platform/secrets::aws_secretsmanager_secret.orders_db',
    );
    const miss = await runCli(['query', 'orderz_db', '--estate', SNAPSHOT, '--quiet']);
    expect(miss).toEqual(
      usage('impact: no node, name or ARN in the estate matches "orderz_db"; did you mean "orders_db"?\n'),
    );
  });

  it('a broken impact.yaml is exit 2 with its line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-manifest-'));
    writeFileSync(join(dir, 'impact.yaml'), 'workspaces:\n  - name: a\n    state: "a.tfstate\n');
    const run = await runCli(['findings', '--estate', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/impact\.yaml.*line \d+, column \d+/);
  });
});
