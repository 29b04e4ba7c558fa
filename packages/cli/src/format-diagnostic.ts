import type { Diagnostic } from '@impact/core';

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.severity}: ${d.file ? `${d.file}: ` : ''}${d.message}${d.code ? ` [${d.code}]` : ''}`;
}
