import { describe, expect, it } from 'vitest';
import { bandLayout, labelEvery, niceAxis, niceDurationAxis, scaleLinear } from './chart-scale.ts';

describe('niceAxis', () => {
  it.each([
    { max: 0, count: 4, integer: false, axis: { max: 1, ticks: [0, 1] } },
    { max: Number.NaN, count: 4, integer: false, axis: { max: 1, ticks: [0, 1] } },
    { max: 7, count: 4, integer: true, axis: { max: 8, ticks: [0, 2, 4, 6, 8] } },
    { max: 3, count: 4, integer: true, axis: { max: 3, ticks: [0, 1, 2, 3] } },
    { max: 1, count: 4, integer: true, axis: { max: 1, ticks: [0, 1] } },
    { max: 5, count: 5, integer: false, axis: { max: 5, ticks: [0, 1, 2, 3, 4, 5] } },
    { max: 0.6, count: 3, integer: false, axis: { max: 0.6, ticks: [0, 0.2, 0.4, 0.6] } },
    { max: 808, count: 4, integer: false, axis: { max: 1000, ticks: [0, 250, 500, 750, 1000] } },
    { max: 23, count: 4, integer: true, axis: { max: 30, ticks: [0, 10, 20, 30] } },
  ])('$max in about $count ticks', ({ max, count, integer, axis }) => {
    expect(niceAxis(max, count, integer)).toEqual(axis);
  });
});

describe('niceDurationAxis', () => {
  it.each([
    { max: 20, ticks: [0, 10, 20] },
    { max: 19.7, ticks: [0, 10, 20] },
    { max: 80.2, ticks: [0, 30, 60, 90] },
    { max: 1212, ticks: [0, 600, 1200, 1800] },
    { max: 5000, ticks: [0, 1800, 3600, 5400] },
    { max: 0.5, ticks: [0, 0.2, 0.4, 0.6] },
    { max: 0, ticks: [0, 1] },
  ])('$max s in about 3 steps of round time', ({ max, ticks }) => {
    expect(niceDurationAxis(max, 3)).toEqual({ max: ticks.at(-1), ticks });
  });
});

describe('scaleLinear', () => {
  it('maps the domain onto the range, upwards too, and clamps', () => {
    const y = scaleLinear(10, 200, 0);
    expect([y(0), y(5), y(10), y(20), y(-1)]).toEqual([200, 100, 0, 0, 200]);
    expect(scaleLinear(0, 0, 100)(0)).toBe(0);
  });
});

describe('bandLayout', () => {
  it('centres bars in equal bands', () => {
    const b = bandLayout(4, 400, 0.25);
    expect(b.step).toBe(100);
    expect(b.bar).toBe(75);
    expect([0, 1, 3].map(b.x)).toEqual([12.5, 112.5, 312.5]);
  });
});

describe('labelEvery', () => {
  it.each([
    { n: 7, fit: 10, shown: [0, 1, 2, 3, 4, 5, 6] },
    { n: 24, fit: 8, shown: [0, 3, 6, 9, 12, 15, 18, 21] },
    { n: 30, fit: 8, shown: [0, 4, 8, 12, 16, 20, 24, 28] },
  ])('$n labels, room for $fit', ({ n, fit, shown }) => {
    const show = labelEvery(n, fit);
    expect(Array.from({ length: n }, (_, i) => i).filter(show)).toEqual(shown);
  });
});
