import type { Duration } from '../protocol/analytics.ts';

/** The p-th percentile (0..1) of sorted values, interpolating linearly between neighbours. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Count, median, 90th percentile and mean of durations in seconds (rounded to 0.1 s). */
export function describeDurations(seconds: readonly number[]): Duration {
  const sorted = [...seconds].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p90: round(percentile(sorted, 0.9)),
    mean: round(mean),
  };
}
