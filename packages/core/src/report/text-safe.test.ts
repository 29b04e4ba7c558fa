import { describe, expect, it } from 'vitest';
import { textSafe } from './text-safe.js';

describe('textSafe', () => {
  it('leaves printable text alone, unicode included', () => {
    expect(textSafe('aws_ssm_parameter.p["prod/ü ✓"]')).toBe('aws_ssm_parameter.p["prod/ü ✓"]');
  });

  it('escapes line breaks, ANSI escapes, C1, DEL, line separators and bidi controls', () => {
    expect(textSafe('a["x\n::error file=x::forged"]')).toBe('a["x\\n::error file=x::forged"]');
    expect(textSafe('k\r\t\x1b[31mred\x1b[0m')).toBe('k\\r\\t\\x1b[31mred\\x1b[0m');
    expect(textSafe('\x00\x7f\x9b\u2028\u202e')).toBe('\\x00\\x7f\\x9b\\u2028\\u202e');
  });
});
