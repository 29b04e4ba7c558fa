import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '@impact/server';

export interface ServerChild {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts serve-child.js and waits for its URL line. */
export async function spawnServer(
  mode: 'impact' | 'unthrottled' | 'hello',
  estate?: string,
): Promise<ServerChild> {
  const script = fileURLToPath(new URL('./serve-child.js', import.meta.url));
  // Set by the API benchmark: the server on one CPU, the load generator on the other.
  const pin = process.env.BENCH_PIN_SERVER;
  const child = spawn(
    pin ? 'taskset' : process.execPath,
    [
      ...(pin ? ['-c', pin, process.execPath] : []),
      '--max-old-space-size=8192',
      // As `impact serve` runs (it starts itself again with them); the hello-world gets them too.
      ...SERVER_NODE_FLAGS,
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      script,
      '--mode',
      mode,
      ...(estate ? ['--estate', estate] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let buffer = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`server (${mode}) exited with ${code}`)));
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
