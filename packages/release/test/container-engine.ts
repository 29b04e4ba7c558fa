import { spawnSync } from 'node:child_process';

export type Engine = { ok: true; name: 'docker' | 'podman'; base: string } | { ok: false; reason: string };

const DEFAULT_BASE = 'docker.io/library/node:20-slim';

/**
 * A container engine that can build the Dockerfile here, and the Node base image it builds on —
 * or why there is none, in words a test name can carry. `IMPACT_TEST_NODE_IMAGE` names a local
 * base to use instead of node:20-slim (scripts/container/local-node-image.sh makes one offline).
 */
export function findEngine(env: NodeJS.ProcessEnv = process.env): Engine {
  const reasons: string[] = [];
  for (const name of ['docker', 'podman'] as const) {
    const info = run(name, ['info']);
    if (info.status !== 0) {
      reasons.push(`${name}: ${info.error ?? lastLine(info.stderr) ?? `exit ${info.status}`}`);
      continue;
    }
    const base = env.IMPACT_TEST_NODE_IMAGE ?? DEFAULT_BASE;
    if (run(name, ['image', 'inspect', base]).status !== 0) {
      if (env.IMPACT_TEST_NODE_IMAGE) {
        reasons.push(`${name}: no image ${base} (IMPACT_TEST_NODE_IMAGE)`);
        continue;
      }
      const pull = run(name, ['pull', '--quiet', base], 120_000);
      if (pull.status !== 0) {
        reasons.push(
          `${name} answers, but cannot pull ${base}: ${lastLine(pull.stderr) ?? pull.error ?? `exit ${pull.status}`} (IMPACT_TEST_NODE_IMAGE can name a local stand-in: scripts/container/local-node-image.sh)`,
        );
        continue;
      }
    }
    // A build runs containers: an engine that cannot start one cannot build either.
    const start = run(name, ['run', '--rm', base, 'node', '-e', '0'], 120_000);
    if (start.status === 0) return { ok: true, name, base };
    reasons.push(
      `${name} cannot start a container from ${base}: ${lastLine(start.stderr) ?? start.error ?? `exit ${start.status}`}`,
    );
  }
  return { ok: false, reason: reasons.join('; ') };
}

function run(command: string, args: string[], timeout = 30_000) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout });
  return { status: r.status, stderr: r.stderr ?? '', error: r.error ? r.error.message : undefined };
}

function lastLine(text: string): string | undefined {
  return text.trim().split('\n').filter(Boolean).at(-1);
}
