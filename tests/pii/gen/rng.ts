/**
 * Seeded random numbers for the PII corpus generator, so every run writes byte-identical files.
 * mulberry32 (data/random.ts): small, fast, good enough to spread formats and digits; not for anything secret.
 */
import { mulberry32 } from '../../../data/random.ts';

export type Rng = {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  digits(n: number, firstNonZero?: boolean): string;
  weighted<T>(xs: readonly (readonly [T, number])[]): T;
  shuffle<T>(xs: T[]): T[];
};

export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => {
    if (xs.length === 0) throw new Error('pick from empty list');
    return xs[int(0, xs.length - 1)] as T;
  };
  return {
    next,
    int,
    pick,
    chance: (p) => next() < p,
    digits: (n, firstNonZero = false) => {
      let s = '';
      for (let i = 0; i < n; i++) s += String(i === 0 && firstNonZero ? int(1, 9) : int(0, 9));
      return s;
    },
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [x, w] of xs) {
        r -= w;
        if (r < 0) return x;
      }
      return (xs[xs.length - 1] as readonly [T, number])[0];
    },
    shuffle: <T>(xs: T[]): T[] => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = int(0, i);
        const t = xs[i] as T;
        xs[i] = xs[j] as T;
        xs[j] = t;
      }
      return xs;
    },
  };
}
