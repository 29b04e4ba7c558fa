/** `2027-01-01T03:00:00.000Z` → `2027-01-01 03:00 UTC`: what a reviewer reads in a report. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  const seconds = text.slice(17, 19);
  return `${text.slice(0, 10)} ${text.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}
