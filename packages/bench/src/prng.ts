/** A small seeded PRNG (mulberry32): the generator must give the same bytes for the same seed. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [0, n) skewed towards 0 (power `k`): a few items get most of the use. */
  skewed(n: number, k?: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` characters from an alphabet. */
  chars(n: number, alphabet?: string): string;
  hex(n: number): string;
  uuid(): string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function createPrng(seed: number): Prng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const chars = (n: number, alphabet = ALNUM): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
    return s;
  };
  const hex = (n: number): string => chars(n, '0123456789abcdef');
  return {
    next,
    int,
    skewed: (n, k = 2) => Math.min(n - 1, Math.floor(n * next() ** k)),
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
    chars,
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
  };
}

/** Mixes a seed with an index so each workspace gets its own independent stream. */
export function subSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
