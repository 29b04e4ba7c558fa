import type { SecretEvent, StoredAlert } from '../api/types.js';

type Identity = SecretEvent['secret'];

/** What a secret-like node is called in a sentence. */
export function secretNoun(service: Identity['service']): string {
  switch (service) {
    case 'secretsmanager':
      return 'Secret';
    case 'ssm':
      return 'Parameter';
    case 'kms':
      return 'KMS key';
  }
}

/** Its name as AWS knows it, else its address, else its id. */
export function secretName(secret: Identity): string {
  return secret.name ?? secret.address ?? secret.id;
}

/** Secret lifecycle events by kind, most serious first (core's order), in a few words each (then a count). */
export const EVENT_LABELS: Record<SecretEvent['event'], string> = {
  deleted: 'deleted',
  replaced: 'replaced',
  recovery_window_changed: 'window changed',
  rotation_disabled: 'rotation off',
  consumers_lost: 'lost consumers',
  created: 'created',
  rotation_enabled: 'rotation on',
  value_changed: 'value changed',
  consumers_gained: 'gained consumers',
};

/** What a deleted secret's recovery window leaves, in words. */
export function windowWords(days: number | undefined): string {
  if (days === undefined) return 'it has no recovery window: deleted is gone';
  if (days === 0) return 'its recovery window was 0 days: gone at once';
  return `recoverable for ${days} day${days === 1 ? '' : 's'} after the delete`;
}

/** An alert worth a banner: open, with a deadline still ahead (an already-gone value has none). */
export function isRestorable(alert: StoredAlert, now: number): boolean {
  return alert.status === 'open' && alert.restoreBefore !== null && Date.parse(alert.restoreBefore) > now;
}

/** Alerts whose restore deadline is still ahead, the soonest first. */
export function restorableAlerts(alerts: StoredAlert[], now: number): StoredAlert[] {
  return alerts
    .filter((a) => isRestorable(a, now))
    .sort(
      (a, b) =>
        Date.parse(a.restoreBefore ?? '') - Date.parse(b.restoreBefore ?? '') || a.id.localeCompare(b.id),
    );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
