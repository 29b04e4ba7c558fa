import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
export const ESTATE = 'fixtures/estate';
export const PLANS = 'fixtures/estate/plans';
export const NOW = '2026-12-02T00:00:00Z';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as CI would: a real process, from the repository root. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`pnpm run build\` before the CLI tests`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Golden files hold no machine paths, versions or wall-clock times. */
export function normalise(text: string): string {
  return text
    .split(ROOT)
    .join('<root>/')
    .replace(/impact \d+\.\d+\.\d+(-[\w.]+)?/g, 'impact <version>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (iso) =>
      iso.startsWith('2026-12-02T00:00') ? '<now>' : iso,
    );
}
