import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';

const json = '{"version":4,"é":"ü"}';

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, UTF-16 LE and BE with and without BOM', () => {
    const utf8 = new TextEncoder().encode(json);
    const le = Buffer.from(json, 'utf16le');
    const be = Buffer.from(le).swap16();
    const cases: [Uint8Array, string][] = [
      [utf8, 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'utf-8 with BOM'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be'],
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ];
    for (const [bytes, encoding] of cases)
      expect(decodeText(bytes)).toEqual({ ok: true, text: json, encoding });
  });

  it('refuses bytes that are not text', () => {
    expect(decodeText(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))).toEqual({
      ok: false,
      reason: 'not valid UTF-8 or UTF-16 text',
    });
  });
});
