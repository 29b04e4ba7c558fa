import { describe, expect, it } from 'vitest';
import { jsonErrorReason } from './json-error-reason.js';

describe('jsonErrorReason', () => {
  it('keeps where JSON broke but never the text around it', () => {
    for (const text of [
      '{"a": CANARY-abc}',
      'CANARY-abc-def',
      '{"secret_string": "CANARY-x" y}',
      '{"s": "CANARY-unterminated',
    ]) {
      let reason = '';
      try {
        JSON.parse(text);
      } catch (error) {
        reason = jsonErrorReason(error);
      }
      expect(reason).not.toBe('');
      expect(reason).not.toContain('CANARY');
    }
  });
});
