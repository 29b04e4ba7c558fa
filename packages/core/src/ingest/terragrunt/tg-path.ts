import { normalisePath } from '../../model/backend.js';

/**
 * Terragrunt's path functions return absolute paths, which configurations concatenate
 * (`"${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/mysql.hcl"`). A static read gives
 * them under this root, which stands for the estate directory, and takes them back to paths
 * relative to it.
 */
export const ESTATE_ROOT = '/__estate__';

/** An estate-relative directory or file as Terragrunt's functions would return it. */
export function absolute(path: string): string {
  const rel = normalisePath(path);
  return rel === '' ? ESTATE_ROOT : `${ESTATE_ROOT}/${rel}`;
}

/**
 * A path a configuration wrote (absolute under {@link ESTATE_ROOT}, or relative to `base`) back
 * to a path relative to the estate; null when it leaves the estate or is absolute elsewhere.
 */
export function estatePath(path: string, base: string): string | null {
  let rel: string;
  if (path === ESTATE_ROOT || path.startsWith(`${ESTATE_ROOT}/`)) rel = path.slice(ESTATE_ROOT.length);
  else if (path.startsWith('/')) return null;
  else rel = `${base}/${path}`;
  const out = normalisePath(rel);
  return out === '..' || out.startsWith('../') ? null : out;
}

/** The directory of an estate-relative path ('' for the estate directory itself). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The relative path from one estate directory to another, `.` when they are the same. */
export function relativePath(from: string, to: string): string {
  const a = from === '' ? [] : from.split('/');
  const b = to === '' ? [] : to.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const parts = [...a.slice(i).map(() => '..'), ...b.slice(i)];
  return parts.length === 0 ? '.' : parts.join('/');
}
