import type { Severity } from '@impact/core';

export function SeverityBadge({ severity }: { severity: Severity | string | null | undefined }) {
  if (!severity) return <span className="muted">—</span>;
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}
