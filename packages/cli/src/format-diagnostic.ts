import { type Diagnostic, textSafe } from '@impact/core';

/** One diagnostic on one line; file names and messages may hold a key or address, so control characters are escaped. */
export function formatDiagnostic(d: Diagnostic): string {
  return textSafe(`${d.severity}: ${d.file ? `${d.file}: ` : ''}${d.message}${d.code ? ` [${d.code}]` : ''}`);
}
