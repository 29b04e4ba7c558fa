import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const NOW = '2026-12-02T00:00:00Z';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a real process with exactly the environment given (no inherited PATH or HOME). */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
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
    child.stdin.end(options.input ?? '');
  });
}

/** The URL `impact serve` announces on stderr, once it listens. */
export function announced(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const url = /at (http:\/\/\S+?)\/ /.exec(err)?.[1];
      if (url) resolve(url);
    });
    child.on('close', (code) => reject(new Error(`impact serve exited ${code}: ${err}`)));
  });
}
