import { describe, expect, it } from 'vitest';
import { otherKey, stackSeries } from './stack-series.ts';

describe('stackSeries', () => {
  const series: { start: string; counts: Record<string, number> }[] = [
    { start: 'd1', counts: { fraud: 2, legal: 1 } },
    { start: 'd2', counts: {} },
    { start: 'd3', counts: { legal: 3, lending: 1, billing: 1, fraud: 0 } },
  ];

  it('stacks every key, largest overall at the bottom, and skips zero counts', () => {
    const s = stackSeries(series, 10);
    expect(s.keys).toEqual(['legal', 'fraud', 'billing', 'lending']);
    expect(s.totals).toEqual({ legal: 4, fraud: 2, billing: 1, lending: 1 });
    expect(s.max).toBe(5);
    expect(s.buckets.map((b) => b.total)).toEqual([3, 0, 5]);
    expect(s.buckets[0]!.segments).toEqual([
      { key: 'legal', value: 1, y0: 0, y1: 1 },
      { key: 'fraud', value: 2, y0: 1, y1: 3 },
    ]);
    expect(s.buckets[1]!.segments).toEqual([]);
    expect(s.buckets[2]!.segments.map((x) => [x.key, x.y0, x.y1])).toEqual([
      ['legal', 0, 3],
      ['billing', 3, 4],
      ['lending', 4, 5],
    ]);
  });

  it.each([
    { maxKeys: 4, keys: ['legal', 'fraud', 'billing', 'lending'] },
    { maxKeys: 3, keys: ['legal', 'fraud', otherKey] },
    { maxKeys: 1, keys: [otherKey] },
  ])('keeps $maxKeys colours, summing the rest under "other" at the top', ({ maxKeys, keys }) => {
    const s = stackSeries(series, maxKeys);
    expect(s.keys).toEqual(keys);
    expect(s.buckets.map((b) => b.total)).toEqual([3, 0, 5]);
    expect(Object.values(s.totals).reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('draws nothing without data', () => {
    expect(stackSeries([], 5)).toEqual({ keys: [], totals: {}, buckets: [], max: 0 });
    expect(stackSeries([{ start: 'd1', counts: {} }], 5).max).toBe(0);
  });
});
