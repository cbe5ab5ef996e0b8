/** The key that collects the smaller groups when there are more than a chart can colour apart. */
export const otherKey = '__other__';

/** One stacked segment: its key, its count, and where it starts and ends on the value axis. */
export type StackSegment = { key: string; value: number; y0: number; y1: number };

/** One bucket of a stacked chart, its segments bottom to top. */
export type StackedBucket = { start: string; total: number; segments: StackSegment[] };

/** A stacked series: the keys bottom to top (largest overall first, `otherKey` last), buckets, the largest total. */
export type Stacked = {
  keys: string[];
  totals: Record<string, number>;
  buckets: StackedBucket[];
  max: number;
};

/**
 * Stacks counts per bucket (handoffs by rule per hour or day): the `maxKeys` keys with the most overall keep
 * their own colour, bottom to top from the largest; the rest are summed under `otherKey` at the top. Ties
 * break by key; zero counts make no segment.
 */
export function stackSeries(
  series: readonly { start: string; counts: Readonly<Record<string, number>> }[],
  maxKeys: number,
): Stacked {
  const overall = new Map<string, number>();
  for (const b of series)
    for (const [k, v] of Object.entries(b.counts)) if (v > 0) overall.set(k, (overall.get(k) ?? 0) + v);
  const ranked = [...overall].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const keep = ranked.length > maxKeys ? ranked.slice(0, Math.max(0, maxKeys - 1)) : ranked;
  const kept = new Set(keep);
  const keys = ranked.length > keep.length ? [...keep, otherKey] : keep;
  const totals: Record<string, number> = {};
  for (const [k, v] of overall) {
    const key = kept.has(k) ? k : otherKey;
    totals[key] = (totals[key] ?? 0) + v;
  }

  let max = 0;
  const buckets = series.map((b) => {
    const value = (key: string) =>
      key === otherKey
        ? Object.entries(b.counts).reduce((n, [k, v]) => (kept.has(k) || v <= 0 ? n : n + v), 0)
        : Math.max(0, b.counts[key] ?? 0);
    let y = 0;
    const segments: StackSegment[] = [];
    for (const key of keys) {
      const v = value(key);
      if (v <= 0) continue;
      segments.push({ key, value: v, y0: y, y1: y + v });
      y += v;
    }
    max = Math.max(max, y);
    return { start: b.start, total: y, segments };
  });
  return { keys, totals, buckets, max };
}
