/**
 * Where AWS resolves a name: a Secrets Manager secret, an SSM parameter, a KMS alias or key id
 * resolve in the caller's own account and region; an IAM name in its account. Either part may
 * be unknown (empty string), and an unknown part is compatible with any value.
 */
export interface Scope {
  account: string;
  region: string;
}

export const UNKNOWN_SCOPE: Scope = Object.freeze({ account: '', region: '' });

/** Whether a producer in `producer` could be what a consumer in `consumer` names. */
export function scopeCompatible(consumer: Scope, producer: Scope, regional = true): boolean {
  return (
    (consumer.account === '' || producer.account === '' || consumer.account === producer.account) &&
    (!regional || consumer.region === '' || producer.region === '' || consumer.region === producer.region)
  );
}

/** Whether both scopes are fully known and the same. */
export function scopeEqual(a: Scope, b: Scope, regional = true): boolean {
  return (
    a.account !== '' && a.account === b.account && (!regional || (a.region !== '' && a.region === b.region))
  );
}

/** An AWS account id: twelve digits. */
export function isAccountId(value: string): boolean {
  return value.length === 12 && /^\d{12}$/.test(value);
}

/** The scope a node's names resolve in. */
export function scopeOf(node: { account?: string | undefined; region?: string | undefined }): Scope {
  return { account: node.account ?? '', region: node.region ?? '' };
}
