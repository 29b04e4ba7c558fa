import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '@impact/core/version';
import { afterAll, describe, expect, it } from 'vitest';
import { findEngine } from './container-engine.js';
import { NOW, ROOT } from './run-process.js';

// The Dockerfile, built and run where a container engine can: docker, else podman. Where none can
// (no daemon, no base image to pull), the test is reported as skipped, with the reason in its name.
const engine = findEngine();
const skipped = engine.ok ? '' : ` — SKIPPED, no engine can build here: ${engine.reason}`;
if (!engine.ok) console.warn(`container image test skipped: ${engine.reason}`);

const tag = `localhost/impact-test:${process.pid}`;
let context: string | undefined;

afterAll(() => {
  if (!engine.ok) return;
  sh(['rm', '--force', `impact-test-${process.pid}`]);
  sh(['rmi', '--force', tag]);
  if (context) rmSync(context, { recursive: true, force: true });
});

function sh(args: string[], timeout = 300_000) {
  if (!engine.ok) throw new Error(engine.reason);
  const r = spawnSync(engine.name, args, { encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('the container image', () => {
  it.skipIf(!engine.ok)(
    `builds from the packed package on Node 20 slim, runs as a non-root user, plans, serves and is healthy${skipped}`,
    async () => {
      if (!engine.ok) return;
      context = mkdtempSync(join(tmpdir(), 'impact-image-'));
      const pack = spawnSync(
        process.execPath,
        [join(ROOT, 'packages/release/dist/pack.js'), '--out', join(context, 'dist')],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      expect(pack.status, pack.stderr).toBe(0);
      for (const file of ['Dockerfile', '.dockerignore']) copyFileSync(join(ROOT, file), join(context, file));
      const format = engine.name === 'podman' ? ['--format', 'docker'] : []; // OCI drops HEALTHCHECK
      const build = sh(['build', ...format, '--build-arg', `NODE_IMAGE=${engine.base}`, '-t', tag, context]);
      expect(build.code, build.stderr).toBe(0);

      // docker keeps the health check in Config, podman beside it.
      const [image] = JSON.parse(sh(['image', 'inspect', tag]).stdout) as {
        Config: Record<string, unknown>;
        Healthcheck?: unknown;
      }[];
      expect(image?.Config).toMatchObject({
        User: 'node',
        Entrypoint: ['impact'],
        ExposedPorts: { '7300/tcp': {} },
      });
      expect(image?.Config.Healthcheck ?? image?.Healthcheck).toMatchObject({
        Test: ['CMD', 'node', '-e', expect.stringContaining('http://127.0.0.1:7300/api/health')],
      });
      expect(sh(['run', '--rm', tag, '--version'])).toMatchObject({ code: 0, stdout: `impact ${VERSION}\n` });
      expect(sh(['run', '--rm', '--entrypoint', 'id', tag, '-u']).stdout).toBe('1000\n');

      const estate = `${join(ROOT, 'fixtures/estate')}:/estate:ro`;
      const plan = sh([
        'run',
        '--rm',
        '-v',
        estate,
        tag,
        '/estate/plans/delete-secret.json',
        '--estate',
        '/estate',
        '--now',
        NOW,
        '--quiet',
        '--format',
        'json',
      ]);
      expect(plan.code, plan.stderr).toBe(1);
      expect(JSON.parse(plan.stdout).tool).toEqual({ name: 'impact', version: VERSION });

      const name = `impact-test-${process.pid}`;
      const serve = sh([
        'run',
        '-d',
        '--name',
        name,
        '-e',
        'IMPACT_TOKEN=test',
        '-v',
        estate,
        tag,
        'serve',
        '--estate',
        '/estate',
        '--host',
        '0.0.0.0',
      ]);
      expect(serve.code, serve.stderr).toBe(0);
      let healthy = false;
      for (let i = 0; i < 60 && !healthy; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        healthy =
          engine.name === 'podman'
            ? sh(['healthcheck', 'run', name]).code === 0
            : sh(['inspect', '--format', '{{.State.Health.Status}}', name]).stdout.trim() === 'healthy';
      }
      expect(healthy, sh(['logs', name]).stderr).toBe(true);
      expect(sh(['stop', '--time', '10', name]).code).toBe(0);
      expect(sh(['inspect', '--format', '{{.State.ExitCode}}', name]).stdout.trim()).toBe('0');
    },
    600_000,
  );
});
