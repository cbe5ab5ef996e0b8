import { describe, expect, it } from 'vitest';
import { formatEntityValue } from './format-entity-value.ts';

describe('formatEntityValue', () => {
  it.each([
    ['duration', 'P22Y', '22 years'],
    ['duration', 'P1M', '1 month'],
    ['duration', 'P3W', '3 weeks'],
    ['duration', 'PT2H', '2 hours'],
    ['duration', 'PT45M', '45 minutes'],
    ['duration', 'P2D', '2 days'],
    ['duration', 'soon', 'soon'],
    ['date', '2026-12-07', 'Dec 7, 2026'],
    ['date', '12/7', '12/7'],
    ['money', '45', '45'],
  ])('%s %s', (type, value, text) => {
    expect(formatEntityValue(type, value, 'en-US')).toBe(text);
  });
});
