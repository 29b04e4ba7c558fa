import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '@impact/core/version';
import { describe, expect, it } from 'vitest';
// @impact/server is not a dependency of this package: its source is imported by path.
import { createApp, createEstateStore } from '../../server/src/index.js';
import { NOW, ROOT, runProcess } from './run-process.js';

// One version: VERSION in packages/core/src/version.ts. Everything that shows one shows it.
describe('one version', () => {
  it('is every package.json of the repository, and a section of the changelog', () => {
    const packages = readdirSync(join(ROOT, 'packages'));
    for (const name of packages) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8'));
      expect(`${name} ${manifest.version}`).toBe(`${name} ${VERSION}`);
    }
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    const headings = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
    expect(headings[0]).toBe('Unreleased');
    expect(headings).toContain(VERSION);
    expect(changelog).toMatch(new RegExp(`^\\[${VERSION.replaceAll('.', '\\.')}\\]: https://`, 'm'));
  });

  it('is what the CLI says, the JSON result and both SARIF drivers carry, and /api/health answers', async () => {
    const env = { PATH: process.env.PATH };
    const cli = join(ROOT, 'packages/cli/dist/bin.js');
    const run = (args: string[]) => runProcess(process.execPath, [cli, ...args], { cwd: ROOT, env });
    expect((await run(['--version'])).stdout).toBe(`impact ${VERSION}\n`);
    const dir = mkdtempSync(join(tmpdir(), 'impact-version-'));
    const plan = [
      'fixtures/estate/plans/harmless.json',
      '--estate',
      'fixtures/estate',
      '--now',
      NOW,
      '--quiet',
    ];
    await run([...plan, '--format', `json=${dir}/r.json`, '--format', `sarif=${dir}/r.sarif`]);
    expect(JSON.parse(readFileSync(`${dir}/r.json`, 'utf8')).tool).toEqual({
      name: 'impact',
      version: VERSION,
    });
    expect(JSON.parse(readFileSync(`${dir}/r.sarif`, 'utf8')).runs[0].tool.driver.version).toBe(VERSION);
    rmSync(dir, { recursive: true, force: true });
    const findings = await run(['findings', '--estate', 'fixtures/estate', '--quiet', '--format', 'sarif']);
    expect(JSON.parse(findings.stdout).runs[0].tool.driver.version).toBe(VERSION);
    const app = createApp({
      store: createEstateStore({ source: 'none', load: async () => ({ ok: false, diagnostics: [] }) }),
      webRoot: null,
      logger: false,
    });
    expect((await app.inject('/api/health')).json()).toMatchObject({ version: VERSION });
    expect((await app.inject('/openapi.json')).json().info.version).toBe(VERSION);
    await app.close();
  });
});
