import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESTATE, NOW, normalise, PLANS, runCli } from './run-cli.js';

/**
 * Reporter golden files, generated from a real run (`UPDATE_GOLDEN=1 npx vitest run
 * packages/cli/test/golden.test.ts`) and read by a person before they are committed.
 */
const CASES = [
  { plan: 'delete-secret', format: 'text', ext: 'txt' },
  { plan: 'delete-secret', format: 'markdown', ext: 'md' },
  { plan: 'replace-secret', format: 'text', ext: 'txt' },
  { plan: 'replace-secret', format: 'markdown', ext: 'md' },
] as const;

describe('golden reports', () => {
  for (const c of CASES) {
    it(`${c.plan} as ${c.format}`, async () => {
      const run = await runCli([
        `${PLANS}/${c.plan}.json`,
        '--estate',
        ESTATE,
        '--now',
        NOW,
        '--quiet',
        '--format',
        c.format,
      ]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
      const file = new URL(`./golden/${c.plan}.${c.ext}`, import.meta.url);
      const actual = normalise(run.stdout);
      // A missing golden file fails: it is written only on request (UPDATE_GOLDEN=1), then read in review.
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
      else if (!existsSync(file))
        throw new Error(`${file.pathname} is missing: run with UPDATE_GOLDEN=1 and review it`);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }
});
