/**
 * Problems with user input are collected, never thrown (after Terraform's tfdiags):
 * every one names the file it came from and why.
 */
export const DiagnosticSeverity = { error: 'error', warning: 'warning', info: 'info' } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable machine-readable code, e.g. `state.unsupported-version`. */
  code: string;
  /** File the problem was found in, relative to the estate root when it has one. */
  file?: string;
  workspace?: string;
  message: string;
}

export function diagnostic(
  severity: DiagnosticSeverity,
  code: string,
  message: string,
  where: { file?: string; workspace?: string } = {},
): Diagnostic {
  return { severity, code, message, ...where };
}
