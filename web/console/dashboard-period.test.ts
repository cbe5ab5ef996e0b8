import { describe, expect, it } from 'vitest';
import { bucketLabel, isoDay, periodRange } from './dashboard-period.ts';

const now = Date.parse('2026-11-24T15:30:00Z');

describe('periodRange', () => {
  it.each([
    { period: { kind: '24h' as const }, from: '2026-11-23T15:30:00.000Z' },
    { period: { kind: '7d' as const }, from: '2026-11-17T15:30:00.000Z' },
    { period: { kind: '30d' as const }, from: '2026-10-25T15:30:00.000Z' },
  ])('$period.kind ends now', ({ period, from }) => {
    expect(periodRange(period, now)).toEqual({ from, to: '2026-11-24T15:30:00.000Z' });
  });

  it.each([
    {
      name: 'whole UTC days, both ends included',
      from: '2026-11-01',
      to: '2026-11-03',
      range: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-04T00:00:00.000Z' },
    },
    {
      name: 'one day',
      from: '2026-11-24',
      to: '2026-11-24',
      range: { from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' },
    },
    { name: 'a missing date', from: '', to: '2026-11-24', range: { error: 'Pick both dates.' } },
    {
      name: 'an impossible date',
      from: '2026-02-30',
      to: '2026-03-02',
      range: { error: 'Pick both dates.' },
    },
    {
      name: 'dates the wrong way round',
      from: '2026-11-05',
      to: '2026-11-01',
      range: { error: 'The end date is before the start date.' },
    },
    {
      name: 'over 400 days',
      from: '2025-01-01',
      to: '2026-11-01',
      range: { error: 'Pick at most 400 days.' },
    },
  ])('custom: $name', ({ from, to, range }) => {
    expect(periodRange({ kind: 'custom', from, to }, now)).toEqual(range);
  });
});

describe('isoDay and bucketLabel', () => {
  it('reads UTC days', () => {
    expect(isoDay(now)).toBe('2026-11-24');
    expect(isoDay(now, 7)).toBe('2026-11-17');
  });
  it('labels daily buckets by UTC date and hourly ones by time', () => {
    expect(bucketLabel('2026-11-21T00:00:00.000Z', 'day')).toBe('Nov 21');
    expect(bucketLabel('2026-11-21T14:00:00.000Z', 'hour')).toMatch(/^\d{2}:00$/);
    expect(bucketLabel('nope', 'day')).toBe('');
  });
});
