// A seeded pseudo-random generator (mulberry32) and the draws the corpus needs, so every run sees the same data.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Index in [0, n) drawn with probability ∝ 1 / (rank + 1)^s: a few very common, a long tail. */
  zipf(n: number, s?: number): number;
  chance(p: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    // Inverse-CDF of a continuous power law, cheap and close enough to Zipf for word and name frequencies.
    zipf: (n, s = 1.1) => {
      const u = next();
      const a = 1 - s;
      const x = ((n ** a - 1) * u + 1) ** (1 / a);
      return Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
    },
    chance: (p) => next() < p,
  };
}
