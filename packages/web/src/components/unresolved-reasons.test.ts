import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNRESOLVED_REASONS } from './unresolved-reasons.js';

const LINK = join(import.meta.dirname, '../../../core/src/link');

/** Counter names core's linkers raise: `stats.unresolved.x`, `sink.unresolved(id, 'x', …)`, `'missing_x'`. */
function raised(): Set<string> {
  const kinds = new Set<string>();
  for (const file of readdirSync(LINK).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(join(LINK, file), 'utf8');
    for (const m of text.matchAll(/unresolved\.([a-z_]+)/g)) kinds.add(m[1] ?? '');
    for (const m of text.matchAll(/unresolved\([^,()]+,\s*'([a-z_]+)'/g)) kinds.add(m[1] ?? '');
    for (const m of text.matchAll(/'(missing_[a-z_]+)'/g)) kinds.add(m[1] ?? '');
  }
  return kinds;
}

describe('UNRESOLVED_REASONS', () => {
  it('explains every unresolved counter the linkers raise', () => {
    const kinds = raised();
    expect(kinds.size).toBeGreaterThanOrEqual(9);
    for (const kind of kinds) expect(UNRESOLVED_REASONS[kind]?.means, kind).toBeTruthy();
  });
});
