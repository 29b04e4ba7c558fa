import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from './registry.js';

describe('the rule registry', () => {
  it('has one doc page per rule id, and no page without a rule', () => {
    const pages = readdirSync(join(import.meta.dirname, '../../../../docs/rules'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
    expect(pages).toEqual(RULES.map((r) => r.id).sort());
  });

  it('has unique, kebab-case ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
