/** Seeded draws for the simulator, so a seed replays the same traffic. */
export type SimulationRandom = ReturnType<typeof simulationRandom>;

export function simulationRandom(seed: number) {
  // mulberry32: small, fast, and good enough for traffic
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An index drawn with the given relative weights. */
  const weighted = (weights: readonly number[]) => {
    let rest = next() * weights.reduce((s, x) => s + x, 0);
    for (const [i, w] of weights.entries()) {
      rest -= w;
      if (rest < 0) return i;
    }
    return weights.length - 1;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    weighted,
    /** Exponential with the given mean. */
    exp: (mean: number) => -Math.log(1 - next()) * mean,
    /** A 1-5 rating with these relative weights for 1..5. */
    rating: (weights: readonly number[]) => weighted(weights) + 1,
  };
}
