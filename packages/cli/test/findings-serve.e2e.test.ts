import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ESTATE, NOW, ROOT, runCli } from './run-cli.js';

const canaries = readFileSync(join(ROOT, ESTATE, 'canaries.txt'), 'utf8')
  .split('\n')
  .filter(Boolean);

describe('impact findings', () => {
  it('lists every rule with findings, exits 1 on an error finding, and prints no secret', async () => {
    const run = await runCli(['findings', '--estate', ESTATE, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^impact findings: 3 error, \d+ warn, \d+ info across \d+ rules/);
    for (const rule of [
      'secret-hardcoded',
      'zero-recovery-window',
      'no-rotation',
      'shared-value',
      'wildcard-access',
      'unused-secret',
    ]) {
      expect(run.stdout).toContain(rule);
    }
    for (const c of canaries) expect(run.stdout).not.toContain(c);
  });

  it('takes per-rule levels: turning the error rules down makes the run pass', async () => {
    const run = await runCli([
      'findings',
      '--estate',
      ESTATE,
      '--now',
      NOW,
      '--format',
      'json',
      '--rule',
      'consumer-of-missing=info',
      '--rule',
      'secret-hardcoded=warn',
      '--rule',
      'zero-recovery-window=off',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.summary.error).toBe(0);
    expect(result.findings.some((f: { rule: string }) => f.rule === 'zero-recovery-window')).toBe(false);
    expect(result.findings.find((f: { rule: string }) => f.rule === 'secret-hardcoded').severity).toBe(
      'warn',
    );
  });

  it('refuses an unknown rule with exit 2', async () => {
    const run = await runCli(['findings', '--estate', ESTATE, '--rule', 'no-such-rule=off']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('unknown rule no-such-rule');
  });
});

/** `impact serve --port 0` as a user starts it, and the URL it announces on stderr. */
async function serve(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: ROOT });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL announced: ${stderr}`)), 30_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { child, url };
}

describe('impact serve', () => {
  it('serves the fixture estate by default and stops on SIGTERM', async () => {
    const { child, url } = await serve();
    try {
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', counts: { workspaces: 9 } });
      const findings = await (await fetch(`${url}/api/findings?severity=error`)).json();
      expect(findings.findings.map((f: { rule: string }) => f.rule).sort()).toEqual([
        'consumer-of-missing',
        'secret-hardcoded',
        'zero-recovery-window',
      ]);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });

  it('runs the server with its V8 flags in a child that stops when the launcher is killed', async () => {
    const { child: launcher, url } = await serve();
    const children = readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8').trim();
    expect(children).toMatch(/^\d+$/);
    const cmdline = readFileSync(`/proc/${children}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toContain('--max-semi-space-size=64');
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    launcher.kill('SIGKILL');
    // The server notices its launcher is gone and stops: the port closes.
    let stopped = false;
    for (let i = 0; i < 50 && !stopped; i++) {
      await new Promise((r) => setTimeout(r, 200));
      stopped = await fetch(`${url}/api/health`).then(
        () => false,
        () => true,
      );
    }
    expect(stopped).toBe(true);
  });
});
