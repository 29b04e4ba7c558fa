import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELP } from '../src/help.js';
import { ROOT } from './run-cli.js';

/** Every file an example command writes: `--out X`, `> X`, `--format f=X`. */
function writtenFiles(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    if (!/\bimpact\b/.test(line)) continue;
    for (const m of line.matchAll(/--out\s+(\S+)|>\s*(\S+)|--format\s+\w+=(\S+)/g)) {
      const file = m[1] ?? m[2] ?? m[3];
      if (file && !file.startsWith('/') && !file.startsWith('$')) out.add(file);
    }
  }
  return [...out].sort();
}

describe('the README’s and --help’s examples', () => {
  it('write nothing into the checkout that git does not ignore', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    // The commands of "Use it": its first shell block.
    const from = readme.indexOf('```sh', readme.indexOf('## Use it'));
    const use = readme.slice(from, readme.indexOf('```\n', from + 5));
    const files = [...writtenFiles(use), ...writtenFiles(HELP.slice(HELP.indexOf('Examples')))];
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      // `git check-ignore` exits 1 for a path git would track.
      const ignored = (() => {
        try {
          execFileSync('git', ['check-ignore', '-q', file], { cwd: ROOT });
          return true;
        } catch {
          return false;
        }
      })();
      expect({ file, ignored }).toEqual({ file, ignored: true });
    }
  });
});
