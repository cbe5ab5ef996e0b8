import { describe, expect, it } from 'vitest';
import { type HoursForm, hoursToForm, readHoursForm } from './read-hours-form.ts';

const week = { mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '' };
const form = (over: Omit<Partial<HoursForm>, 'days'> & { days?: Partial<HoursForm['days']> }): HoursForm => ({
  alwaysOpen: false,
  timezone: 'Europe/Paris',
  ...over,
  days: { ...week, ...over.days },
});

describe('readHoursForm', () => {
  it('turns loose ranges into the stored form, in order', () => {
    const read = readHoursForm(form({ days: { mon: '13:00 - 17:30, 9:00-12:00', sat: '10:00–14:00' } }));
    expect(read).toEqual({
      kind: 'ok',
      hours: {
        timezone: 'Europe/Paris',
        weekly: {
          ...Object.fromEntries(Object.keys(week).map((d) => [d, []])),
          mon: ['09:00-12:00', '13:00-17:30'],
          sat: ['10:00-14:00'],
        },
        holidays: [],
      },
    });
  });

  it('reads always open as no hours at all', () => {
    expect(readHoursForm(form({ alwaysOpen: true, timezone: '' }))).toEqual({ kind: 'ok', hours: null });
  });

  const bad: [string, Partial<HoursForm>, string, string][] = [
    [
      'an unknown zone',
      { timezone: 'Mars/Olympus' },
      'timezone',
      '“Mars/Olympus” is not a time zone; pick one from the list, like Europe/Paris',
    ],
    ['no zone', { timezone: ' ' }, 'timezone', 'Choose the time zone the hours are in'],
    [
      'text that is no range',
      { days: { ...week, tue: 'mornings' } },
      'tue',
      'Tuesday: “mornings” is not a time range; write it like 09:00-17:00',
    ],
    [
      'a range that closes first',
      { days: { ...week, wed: '17:00-09:00' } },
      'wed',
      'Wednesday: 17:00-09:00 closes before it opens',
    ],
    [
      'a time that does not exist',
      { days: { ...week, fri: '09:00-25:00' } },
      'fri',
      'Friday: 09:00-25:00 has a time that does not exist',
    ],
  ];
  it.each(bad)('explains %s in words', (_name, over, field, message) => {
    const read = readHoursForm(form(over as Parameters<typeof form>[0]));
    expect(read).toEqual({ kind: 'invalid', errors: { [field]: message } });
  });

  it('round-trips stored hours through the form', () => {
    const hours = {
      timezone: 'America/New_York',
      weekly: {
        mon: ['09:00-17:00'],
        tue: ['09:00-12:00', '13:00-17:00'],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      },
      holidays: [{ date: '2026-12-25' }],
    };
    const f = hoursToForm(hours, 'UTC');
    expect(f.days.tue).toBe('09:00-12:00, 13:00-17:00');
    expect(readHoursForm(f, hours.holidays)).toEqual({ kind: 'ok', hours });
    expect(hoursToForm(null, 'Asia/Tokyo')).toMatchObject({ alwaysOpen: true, timezone: 'Asia/Tokyo' });
  });
});
