import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTATE, ROOT, runCli } from './run-cli.js';

const STATE = 'acme-tfstate/platform/secrets.tfstate';
let dir: string;
let store: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'impact-ingest-store-'));
  cpSync(join(ROOT, ESTATE), dir, { recursive: true });
  store = join(dir, 'history');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('impact ingest --store', () => {
  it('records a version from CI, then the next one with its deletion alert; nothing new records nothing', async () => {
    const first = await runCli(['ingest', dir, '--store', store]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `history (${store}): version 1 recorded (cli): the first, nothing to compare with`,
    );

    const file = join(dir, STATE);
    const state = JSON.parse(readFileSync(file, 'utf8')) as { resources: { type: string; name: string }[] };
    state.resources = state.resources.filter(
      (r) => r.name !== 'ledger_token' || !r.type.startsWith('aws_secretsmanager_secret'),
    );
    writeFileSync(file, JSON.stringify(state));
    const second = await runCli(['ingest', dir, '--store', store, '--format', 'json']);
    expect(second.code).toBe(0);
    const history = (JSON.parse(second.stdout) as { history: string[] }).history;
    expect(history[0]).toMatch(/version 2 recorded \(cli\): .*resources \+0 -2/);
    expect(
      history.some((l) =>
        /ALERT secret_deleted prod\/ledger\/token \(platform\/secrets\): It can be restored until/.test(l),
      ),
    ).toBe(true);

    const third = await runCli(['ingest', dir, '--store', store]);
    expect(third.stdout).toContain('nothing changed since version 2, no version recorded');
  });

  it('refuses a webhook without a store, and a store that is no URL nor directory says why', async () => {
    const run = await runCli(['ingest', dir, '--alert-webhook', 'https://example.test/hook']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--alert-webhook needs --store');
    const bad = await runCli(['ingest', dir, '--store', 'mysql://nobody:hunter2@db/impact']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot open the history store: store mysql://…: mysql:// is not a store');
    expect(bad.stderr).not.toContain('hunter2');
  });
});
