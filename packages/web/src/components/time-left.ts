const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Time left before a deadline, as a reader counts it: days and hours and minutes while there is
 * more than an hour (it moves each minute), minutes and seconds in the last hour (each second).
 */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return 'time is up';
  if (ms < HOUR) {
    const s = Math.floor(ms / SECOND);
    return `${Math.floor(s / 60)}m ${pad(s % 60)}s left`;
  }
  const m = Math.floor(ms / MINUTE);
  const days = Math.floor(m / (24 * 60));
  const hours = Math.floor((m % (24 * 60)) / 60);
  const minutes = m % 60;
  return `${days > 0 ? `${days}d ` : ''}${hours}h ${pad(minutes)}m left`;
}

/** How often a countdown to `ms` away has to move to stay right. */
export function countdownTick(ms: number): number {
  return ms < HOUR ? SECOND : MINUTE;
}

/** How long ago, in the largest whole unit: "just now", "5 minutes", "3 hours", "2 days". */
export function formatAgo(ms: number): string {
  if (ms < MINUTE) return 'moments';
  const [n, unit] =
    ms < HOUR
      ? [Math.floor(ms / MINUTE), 'minute']
      : ms < DAY
        ? [Math.floor(ms / HOUR), 'hour']
        : [Math.floor(ms / DAY), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
