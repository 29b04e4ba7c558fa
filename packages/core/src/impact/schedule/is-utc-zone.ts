/** True when no conversion is needed: no zone, or a UTC alias. */
export function isUtcZone(timezone: string | undefined): timezone is undefined | 'UTC' | 'Etc/UTC' | 'GMT' {
  return timezone === undefined || timezone === 'UTC' || timezone === 'Etc/UTC' || timezone === 'GMT';
}
