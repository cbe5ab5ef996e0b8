import { describe, expect, it } from 'vitest';
import { describeOpening } from './describe-opening.ts';

// Saturday 5 December 2026, 14:00 UTC.
const now = new Date('2026-12-05T14:00:00Z');

describe('describeOpening', () => {
  it.each([
    ['en-US', 'America/New_York', '2026-12-05T18:00:00Z', 'today at 1:00 PM'],
    ['en-US', 'America/New_York', '2026-12-06T14:00:00Z', 'tomorrow at 9:00 AM'],
    ['en-US', 'America/New_York', '2026-12-07T14:00:00Z', 'Monday at 9:00 AM'],
    ['en-US', 'America/New_York', '2026-12-14T14:00:00Z', 'Monday, December 14 at 9:00 AM'],
    ['en-GB', 'Europe/London', '2026-12-07T09:00:00Z', 'Monday at 9:00'],
    ['de-DE', 'Europe/Berlin', '2026-12-07T08:00:00Z', 'Montag um 9:00'],
    ['de-DE', 'Europe/Berlin', '2026-12-06T08:00:00Z', 'morgen um 9:00'],
    ['fr-FR', 'Europe/Paris', '2026-12-07T08:00:00Z', 'lundi à 9:00'],
    // Late Saturday UTC is already Sunday in Tokyo: the day is the reader's, not the server's.
    ['ja-JP', 'Asia/Tokyo', '2026-12-05T18:00:00Z', '明日 3:00'],
  ] as const)('%s in %s: %s', (locale, timeZone, at, text) => {
    expect(describeOpening(new Date(at), now, { locale, timeZone })).toBe(text);
  });

  it('says only the time for later today when asked', () => {
    const reader = { locale: 'en-GB', timeZone: 'Europe/London' };
    expect(describeOpening(new Date('2026-12-05T18:00:00Z'), now, reader, { bareToday: true })).toBe('18:00');
    expect(describeOpening(new Date('2026-12-07T09:00:00Z'), now, reader, { bareToday: true })).toBe(
      'Monday at 9:00',
    );
  });
});
