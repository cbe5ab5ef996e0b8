import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatPercent,
  formatRating,
  formatSignedDuration,
  humanize,
} from './format-metrics.ts';

describe('formatPercent', () => {
  it.each([
    [0.6023, '60.2%'],
    [0.1, '10%'],
    [0, '0%'],
    [1, '100%'],
    [0.07143, '7.1%'],
    [null, '–'],
    [Number.NaN, '–'],
  ])('%s is %s', (rate, text) => expect(formatPercent(rate)).toBe(text));
});

describe('formatDuration', () => {
  it.each([
    [4.6, '4.6 s'],
    [4, '4 s'],
    [14.6, '15 s'],
    [59.4, '59 s'],
    [366.8, '6.1 min'],
    [808.1, '13 min'],
    [5400, '1.5 h'],
    [7200, '2 h'],
    [null, '–'],
  ])('%s s is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe('formatSignedDuration', () => {
  it.each([
    [4, '+4 s'],
    [-12.2, '−12 s'],
    [0, '0 s'],
    [-90, '−1.5 min'],
    [null, '–'],
  ])('%s is %s', (seconds, text) => expect(formatSignedDuration(seconds)).toBe(text));
});

describe('formatCount, formatRating, humanize', () => {
  it('formats counts and ratings', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(null)).toBe('–');
    expect(formatRating(3.73)).toBe('3.73');
    expect(formatRating(3.9)).toBe('3.9');
    expect(formatRating(4)).toBe('4');
    expect(formatRating(null)).toBe('–');
  });
  it.each([
    ['explicit_request', 'Explicit request'],
    ['l2', 'L2'],
    ['international-wires', 'International wires'],
    ['risk:fraud', 'Risk fraud'],
    ['', ''],
  ])('%s reads %s', (key, label) => expect(humanize(key)).toBe(label));
});
