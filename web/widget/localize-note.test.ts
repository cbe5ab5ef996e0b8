import { describe, expect, it } from 'vitest';
import { localizeNote } from './localize-note.ts';

const note =
  "Our Lending team is offline right now; they'll pick this up when they're back Monday at 9:00 AM Eastern Standard Time.";
const metadata = {
  event: 'nobody_available',
  opensAt: '2026-12-07T14:00:00.000Z',
  opensText: 'Monday at 9:00 AM Eastern Standard Time',
};
// Saturday 5 December 2026.
const now = new Date('2026-12-05T14:00:00Z');

describe('localizeNote', () => {
  it('says the opening time in the reader’s language and zone', () => {
    expect(localizeNote(note, metadata, now, { locale: 'en-GB', timeZone: 'Europe/London' })).toBe(
      "Our Lending team is offline right now; they'll pick this up when they're back Monday at 14:00.",
    );
    expect(localizeNote(note, metadata, now, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toContain(
      'back Montag um 15:00.',
    );
  });

  it('leaves other notes and notes without a readable time as they are', () => {
    const reader = { locale: 'en-GB', timeZone: 'Europe/London' };
    expect(localizeNote('An agent joined.', {}, now, reader)).toBe('An agent joined.');
    expect(localizeNote(note, { ...metadata, opensAt: 'soon' }, now, reader)).toBe(note);
    expect(localizeNote('Edited by the pack.', metadata, now, reader)).toBe('Edited by the pack.');
  });
});
