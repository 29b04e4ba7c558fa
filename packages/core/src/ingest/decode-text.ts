import { Buffer, isUtf8 } from 'node:buffer';

/**
 * Terraform writes UTF-8, but files pass through editors and Windows shells
 * (PowerShell's `>` writes UTF-16LE with a BOM), so every BOM form decodes.
 */
export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), 'utf-8 with BOM');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  // UTF-16 without a BOM: JSON starts with an ASCII character followed by a NUL.
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  return utf8(bytes, 'utf-8');
}

function utf8(bytes: Uint8Array, encoding: string): DecodeResult {
  // Checked natively, then decoded by Buffer: several times faster than a fatal TextDecoder.
  if (!isUtf8(bytes)) return { ok: false, reason: 'not valid UTF-8 or UTF-16 text' };
  return {
    ok: true,
    text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    encoding,
  };
}
