import type { Impact, NoticedBy } from '@impact/core';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function describeNoticedBy(by: NoticedBy): string {
  switch (by.kind) {
    case 'schedule':
      return `${by.latest ? 'at the latest by ' : ''}next run of ${by.expression}${by.timezone ? ` (${by.timezone})` : ''}`;
    case 'runtime':
      return 'at runtime start';
    case 'next-apply':
      return `at the next apply of ${by.workspace}`;
    case 'same-apply':
      return `in the same apply (${by.workspace})`;
    case 'external':
      return 'by an external principal';
  }
}

/** ISO 8601 duration (`P3DT4H`) or any other string, shortened for a cell. */
export function formatDuration(value: string | undefined): string {
  if (!value) return '';
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:[\d.]+S)?)?$/.exec(value);
  if (!m) return value;
  const parts = [m[1] && `${m[1]}d`, m[2] && `${m[2]}h`, m[3] && `${m[3]}m`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0m';
}

export function windowNote(impact: Impact): string | null {
  const w = impact.window;
  if (!w) return null;
  if (w.missedBy)
    return `after the recovery window (ends ${formatDate(w.endsAt)}) by ${formatDuration(w.missedBy)}`;
  if (w.marginBefore) return `${formatDuration(w.marginBefore)} before the recovery window ends`;
  return `recovery window ends ${formatDate(w.endsAt)}`;
}
