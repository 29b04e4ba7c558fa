import { describe, expect, it } from 'vitest';
import type { Finding } from '../../rules/rule-types.js';
import { findingsResult } from './findings-result.js';
import { renderFindingsText } from './render-findings-text.js';

const finding = (rule: string, id: string, message: string): Finding => ({
  rule,
  severity: 'warn',
  id,
  workspace: 'w',
  address: id.split('::')[1] ?? null,
  message,
  evidence: [],
});

describe('renderFindingsText', () => {
  it('groups findings by rule, in their order, with a count', () => {
    const text = renderFindingsText(
      findingsResult(
        [
          finding('no-rotation', 'w::a', 'a is not rotated'),
          finding('no-rotation', 'w::b', 'b is not rotated'),
          finding('no-cmk', 'w::a', 'a uses the AWS key'),
        ],
        new Date(0),
      ),
    );
    expect(text.split('\n')).toEqual([
      'impact findings: 0 error, 3 warn, 0 info across 2 rules',
      '',
      'warn  no-rotation — A secret that is never rotated (2; docs/rules/no-rotation.md)',
      '  w::a',
      '    a is not rotated',
      '  w::b',
      '    b is not rotated',
      '',
      'warn  no-cmk — Encrypted with the default AWS-managed key (1; docs/rules/no-cmk.md)',
      '  w::a',
      '    a uses the AWS key',
      '',
    ]);
  });

  it('escapes control characters in ids, files and messages', () => {
    const id = 'w::aws_ssm_parameter.p["k\n::error::forged\x1b]0;title\x07"]';
    const result = findingsResult(
      [{ ...finding('no-cmk', id, `about ${id}`), source: { file: 'x\r.tf', line: 1 } }],
      new Date(0),
    );
    const text = renderFindingsText(result, { color: true });
    // Only the colour codes impact writes itself remain.
    const painted = text.replaceAll('\x1b[33m', '').replaceAll('\x1b[0m', '');
    for (const c of ['\r', '\x07', '\x1b']) expect(painted).not.toContain(c);
    expect(text.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
    expect(text).toContain('  w::aws_ssm_parameter.p["k\\n::error::forged\\x1b]0;title\\x07"]  (x\\r.tf:1)');
  });
});
