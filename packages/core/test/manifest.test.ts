import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEstate } from '../src/node/load-estate.js';

const ROOT = join(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'impact-manifest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
/** An estate directory holding one good state (`good/terraform.tfstate`) and this manifest. */
function estate(manifest: string): string {
  const dir = join(scratch, `estate-${++n}`);
  cpSync(join(ROOT, 'fixtures/bad/ok'), join(dir, 'good'), { recursive: true });
  writeFileSync(join(dir, 'impact.yaml'), manifest);
  return dir;
}

async function refusal(dir: string): Promise<string[]> {
  const loaded = await loadEstate(dir);
  if (loaded.ok) throw new Error('the estate loaded');
  return loaded.diagnostics.map((d) => `${d.file} ${d.code}: ${d.message}`);
}

describe('impact.yaml', () => {
  it('is refused when it is not YAML, with its line and column, rather than replaced by discovery', async () => {
    const dir = estate('workspaces:\n  - name: good\n    state: good/terraform.tfstate\n  - name: [\n');
    expect(await refusal(dir)).toEqual([
      'impact.yaml manifest.invalid: line 5, column 1: not valid YAML: the indentation is wrong',
    ]);
  });

  it('names the entry and the path of a state file that does not exist, and of a missing config', async () => {
    const dir = estate(
      'workspaces:\n  - name: good\n    state: good/terraform.tfstate\n  - name: gone\n    state: gone/terraform.tfstate\n    config: configs/gone\n',
    );
    expect(await refusal(dir)).toEqual([
      'impact.yaml manifest.state-missing: workspace "gone" (workspaces[1], line 4): state file gone/terraform.tfstate does not exist',
      'impact.yaml manifest.config-missing: workspace "gone" (workspaces[1], line 4): config directory configs/gone does not exist',
    ]);
  });

  it('refuses paths outside the estate: climbing out, absolute, or through a symbolic link', async () => {
    const outside = join(scratch, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'terraform.tfstate'), '{"version":4,"resources":[]}');
    const dir = estate(
      [
        'workspaces:',
        '  - name: good',
        '    state: good/terraform.tfstate',
        '  - name: climb',
        '    state: ../../etc/shadow',
        '  - name: absolute',
        `    state: ${join(outside, 'terraform.tfstate')}`,
        '  - name: linked',
        '    state: link/terraform.tfstate',
        '  - name: config',
        '    config: ./good/../..',
      ].join('\n'),
    );
    symlinkSync(outside, join(dir, 'link'));
    expect(await refusal(dir)).toEqual([
      'impact.yaml manifest.path-outside: workspace "climb" (workspaces[1], line 4): state file ../../etc/shadow is outside the estate directory',
      `impact.yaml manifest.path-outside: workspace "absolute" (workspaces[2], line 6): state file ${join(outside, 'terraform.tfstate')} is absolute; give it relative to the estate directory`,
      'impact.yaml manifest.path-outside: workspace "linked" (workspaces[3], line 8): state file link/terraform.tfstate leads outside the estate directory through a symbolic link',
      'impact.yaml manifest.path-outside: workspace "config" (workspaces[4], line 10): config directory ./good/../.. is outside the estate directory',
    ]);
  });

  it('loads when every entry is fine, paths inside through links included', async () => {
    const dir = estate('workspaces:\n  - name: good\n    state: alias/terraform.tfstate\n    config: .\n');
    symlinkSync(join(dir, 'good'), join(dir, 'alias'));
    const loaded = await loadEstate(dir);
    expect(loaded.ok && loaded.built.stats.workspaces).toBe(1);
  });
});
