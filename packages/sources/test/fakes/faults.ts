/** Faults a fake answers with, next: a status (and `Retry-After`) for the next `times` requests of a kind. */
export interface Fault {
  status: number;
  times: number;
  retryAfter?: string;
}

export class Faults<K extends string> {
  private readonly pending = new Map<K, Fault[]>();

  add(kind: K, fault: Fault): void {
    const list = this.pending.get(kind) ?? [];
    list.push({ ...fault });
    this.pending.set(kind, list);
  }

  /** The fault to answer this request with, if one is pending. */
  take(kind: K): Fault | null {
    const list = this.pending.get(kind);
    const next = list?.[0];
    if (!next) return null;
    if (--next.times <= 0) list?.shift();
    return next;
  }

  clear(): void {
    this.pending.clear();
  }
}
