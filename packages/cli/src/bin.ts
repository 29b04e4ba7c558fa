#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hasServerFlags, SERVER_NODE_FLAGS } from '@impact/server';
import { parseCliArgs } from './args.js';
import { main } from './main.js';

const argv = process.argv.slice(2);
const RESPAWNED = 'IMPACT_SERVE_CHILD';

if (process.env[RESPAWNED] === '1' && process.channel) {
  // The server started by a launcher below: it stops when its launcher goes, even on SIGKILL.
  process.channel.unref();
  process.once('disconnect', () => process.emit('SIGTERM'));
}

process.exitCode = needsServerFlags() ? await serveWithFlags() : await runHere();

function runHere(): Promise<number> {
  return main(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  });
}

/** `impact serve` without the server's V8 flags (see SERVER_NODE_FLAGS), and free to add them. */
function needsServerFlags(): boolean {
  if (process.env[RESPAWNED] === '1') return false;
  if (process.execArgv.some((a) => a.startsWith('--inspect'))) return false;
  if (hasServerFlags(process.execArgv, process.env.NODE_OPTIONS)) return false;
  try {
    return parseCliArgs(argv, process.env).command === 'serve';
  } catch {
    return false; // main reports the usage error
  }
}

/** Runs the server in a child with the flags; signals go to it, and its exit code comes back. */
function serveWithFlags(): Promise<number> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...SERVER_NODE_FLAGS, fileURLToPath(import.meta.url), ...argv],
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, [RESPAWNED]: '1' } },
  );
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`impact: cannot start the server: ${error.message}\n`);
      resolve(2);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 143)));
  });
}
