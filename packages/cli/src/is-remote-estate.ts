/** `--estate http://host:port` names a running impact server rather than a directory or snapshot. */
export function isRemoteEstate(estate: string): boolean {
  return /^https?:\/\//i.test(estate);
}
