/** A path as a public answer shows it (`/api/health` needs no token): its last segment only. */
export function displayName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** An absolute POSIX or Windows path: `/home/x/estate`, `C:\estates\prod` (not `s3://b/k`). */
const ABSOLUTE = /(^|[\s(=:'"])(\/(?!\/)[^\s'"(),;]*|[A-Za-z]:\\[^\s'"(),;]*)/g;

/** A message for a public answer: every absolute path in it cut to its last segment. */
export function withoutAbsolutePaths(message: string): string {
  return message.replace(ABSOLUTE, (_m, before: string, path: string) => `${before}${displayName(path)}`);
}
