import { countdownTick, formatCountdown } from './time-left.js';
import { useNow } from './use-now.js';

/**
 * Time left before `deadline`, moving each minute (each second in the last hour). A timer, so
 * never announced as it moves: a screen reader reads it when the reader gets there.
 */
export function Countdown({ deadline }: { deadline: string }) {
  const end = Date.parse(deadline);
  const now = useNow(countdownTick(end - Date.now()));
  return (
    <span className="countdown" role="timer" aria-live="off">
      {formatCountdown(end - now)}
    </span>
  );
}
