import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS } from '../src/errors.js';

const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
/** Rows of the error table in docs/api.md: `| \`CODE\` | status | … |`. */
const documented = new Map(
  [...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3}|—)\s*\|/gm)].map((m) => [m[1] as string, m[2] as string]),
);

describe('error registry', () => {
  it('documents every code in docs/api.md with its status', () => {
    for (const code of ERROR_CODES) {
      const status = documented.get(code);
      expect([code, status !== undefined]).toEqual([code, true]);
      const startup = ERRORS[code].description.startsWith('startup only');
      expect([code, status]).toEqual([code, startup ? '—' : String(ERRORS[code].statusCode)]);
    }
  });

  it('documents no code that does not exist', () => {
    expect([...documented.keys()].filter((c) => !(c in ERRORS))).toEqual([]);
  });
});
