import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
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

/** `impact serve --port 0` as a user starts it (`command`: how the binary is run), and the URL it announces. */
async function serve(
  args: string[] = [],
  command: string[] = [process.execPath, BIN],
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; stderr: () => string }> {
  const [file, ...rest] = command as [string, ...string[]];
  const child = spawn(file, [...rest, 'serve', '--port', '0', ...args], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = await announced(child);
  return { child, url, stderr: () => stderr };
}

/** The URL a starting server announces on stderr. */
function announced(child: { stderr: NodeJS.ReadableStream }): Promise<string> {
  let stderr = '';
  return new Promise<string>((resolve, reject) => {
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
}

describe('impact serve', () => {
  it('serves the fixture estate by default and stops on SIGTERM', async () => {
    const { child, url } = await serve();
    try {
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', counts: { workspaces: 11 } });
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

  it('is one process with its V8 flag when started as the binary is, and stops when a launcher that keeps signals dies', async () => {
    // The binary's own first line sets the flag: run it as a supervisor would, through its shebang.
    const direct = await serve([], [BIN]);
    try {
      const cmdline = readFileSync(`/proc/${direct.child.pid}/cmdline`, 'utf8');
      const children = readFileSync(
        `/proc/${direct.child.pid}/task/${direct.child.pid}/children`,
        'utf8',
      ).trim();
      // env -S execs node: the process the supervisor holds is the server, with no child of its own.
      expect(cmdline.split('\0')).toContain('--max-semi-space-size=64');
      expect(children).toBe('');
      expect(direct.stderr()).not.toContain('runs without');
    } finally {
      direct.child.kill('SIGINT');
    }
    expect(await new Promise((resolve) => direct.child.on('close', resolve))).toBe(0);
    // A shell that does not pass signals on, killed: the server, left to init, stops by itself.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" serve --port 0; true`], { cwd: ROOT });
    const url = await announced(shell);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    shell.kill('SIGKILL');
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

  it('leaves no server behind when `pnpm start` is stopped by SIGTERM', async () => {
    const pnpm = spawn('pnpm', ['--silent', 'start', '--port', '0'], { cwd: ROOT });
    const url = await announced(pnpm);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    pnpm.kill('SIGTERM');
    await new Promise((resolve) => pnpm.on('close', resolve));
    const after = await fetch(`${url}/api/health`).then(
      () => 'still serving',
      () => 'stopped',
    );
    expect(after).toBe('stopped');
  });

  it('keeps re-ingesting when a FIFO and a link to /dev/zero appear, answers --allowed-host, and stops on SIGTERM', async () => {
    const estate = mkdtempSync(join(tmpdir(), 'impact-serve-'));
    cpSync(join(ROOT, 'fixtures/bad/ok'), join(estate, 'ok'), { recursive: true });
    const { child, url } = await serve(['--estate', estate, '--allowed-host', 'impact.test']);
    const closed = new Promise((resolve) => child.on('close', resolve));
    try {
      mkdirSync(join(estate, 'fifo'));
      execFileSync('mkfifo', [join(estate, 'fifo/terraform.tfstate')]);
      mkdirSync(join(estate, 'zero'));
      symlinkSync('/dev/zero', join(estate, 'zero/terraform.tfstate'));
      for (let round = 0; round < 2; round++) {
        const ingest = await fetch(`${url}/api/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        });
        expect(ingest.status).toBe(202);
        await expect
          .poll(async () => (await (await fetch(`${url}/api/health`)).json()).ingest, { timeout: 20_000 })
          .toEqual({ state: 'idle', lastAttemptAt: expect.any(String) });
      }
      const { diagnostics } = await (await fetch(`${url}/api/diagnostics`)).json();
      expect(diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`).sort()).toEqual([
        'fifo/terraform.tfstate file.not-regular',
        'zero/terraform.tfstate file.not-regular',
      ]);
      expect(await statusFor(url, 'impact.test')).toBe(200);
      expect(await statusFor(url, 'rebound.example')).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
    rmSync(estate, { recursive: true, force: true });
  });
});

/** The status of `GET /api/workspaces` sent with this Host header. */
function statusFor(url: string, host: string): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/workspaces', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
