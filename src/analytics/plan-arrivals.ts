import type { SimulationRandom } from './simulation-random.ts';

const dayMs = 24 * 3600_000;

/**
 * When simulated customers arrive, and at which pack: a daily volume (60% at weekends, +-15% day to day),
 * packs by weight, and times of day mostly (94%) while the pack's main team is open.
 */
export function planArrivals(input: {
  start: number;
  days: number;
  perDay: number;
  packs: { id: string; weight: number }[];
  isOpen: (pack: string, at: Date) => boolean;
  rng: SimulationRandom;
}): { at: number; pack: string }[] {
  const { rng, packs } = input;
  const arrivals: { at: number; pack: string }[] = [];
  for (let d = 0; d < input.days; d++) {
    const dayStart = input.start + d * dayMs;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const volume = Math.round(input.perDay * (weekend ? 0.6 : 1) * rng.between(0.85, 1.15));
    for (let i = 0; i < volume; i++) {
      const pack = packs[rng.weighted(packs.map((p) => p.weight))]!.id;
      let at = dayStart + rng.next() * dayMs;
      for (let tries = 0; tries < 40; tries++) {
        if (input.isOpen(pack, new Date(at)) || rng.chance(0.06)) break;
        at = dayStart + rng.next() * dayMs;
      }
      arrivals.push({ at, pack });
    }
  }
  return arrivals.sort((a, b) => a.at - b.at);
}
