import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../routing/business-hours.ts';
import { planSlots, type SlotRules, zonedTime, zoneFormat } from './plan-slots.ts';

const branch: BusinessHours = {
  timezone: 'America/New_York',
  weekly: {
    mon: ['09:00-12:00', '13:00-14:00'],
    tue: ['09:00-10:00'],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  },
  holidays: [{ date: '2026-03-10', name: 'Branch closed' }],
};
const rules: SlotRules = { slotMinutes: 60, capacity: 1, leadMinutes: 60, daysAhead: 14 };
const iso = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());

describe('zonedTime', () => {
  it.each([
    ['winter', { y: 2026, m: 1, d: 5 }, 9 * 60, '2026-01-05T14:00:00.000Z'],
    ['summer', { y: 2026, m: 7, d: 6 }, 9 * 60, '2026-07-06T13:00:00.000Z'],
    ['the day clocks spring forward', { y: 2026, m: 3, d: 8 }, 9 * 60, '2026-03-08T13:00:00.000Z'],
  ])('finds 9:00 in New York in %s', (_name, date, minute, out) => {
    expect(zonedTime(date, minute, zoneFormat('America/New_York')).toISOString()).toBe(out);
  });
});

describe('planSlots', () => {
  // Monday 2026-03-09 08:30 in New York (EDT, UTC-4).
  const now = new Date('2026-03-09T12:30:00Z');

  it('cuts whole slots from each opening range, leaves the lead time, skips holidays and closed days', () => {
    const slots = planSlots({ hours: branch, rules: { ...rules, daysAhead: 8 }, now, booked: [] });
    expect(iso(slots)).toEqual([
      // Monday: 9:00 is within the hour's lead, so 10:00 and 11:00, then 13:00.
      '2026-03-09T14:00:00.000Z',
      '2026-03-09T15:00:00.000Z',
      '2026-03-09T17:00:00.000Z',
      // Tuesday the 10th is a holiday; Monday the 16th.
      '2026-03-16T13:00:00.000Z',
      '2026-03-16T14:00:00.000Z',
      '2026-03-16T15:00:00.000Z',
      '2026-03-16T17:00:00.000Z',
    ]);
    expect(slots[0]!.endsAt.toISOString()).toBe('2026-03-09T15:00:00.000Z');
  });

  it('leaves out a slot booked to capacity, and keeps it while there is room', () => {
    const booked = [new Date('2026-03-09T14:00:00Z')];
    expect(iso(planSlots({ hours: branch, rules: { ...rules, daysAhead: 1 }, now, booked }))).not.toContain(
      '2026-03-09T14:00:00.000Z',
    );
    expect(
      iso(planSlots({ hours: branch, rules: { ...rules, daysAhead: 1, capacity: 2 }, now, booked })),
    ).toContain('2026-03-09T14:00:00.000Z');
  });

  it('fits no slot longer than the opening range', () => {
    expect(
      planSlots({ hours: branch, rules: { ...rules, slotMinutes: 240, daysAhead: 8 }, now, booked: [] }),
    ).toEqual([]);
  });
});
