import { describe, expect, it } from 'vitest';
import { describeTeamOpening } from './describe-team-opening.ts';

// Saturday 5 December 2026, 09:00 in New York.
const now = new Date('2026-12-05T14:00:00Z');

describe('describeTeamOpening', () => {
  it.each([
    [
      'Monday morning in New York',
      '2026-12-07T14:00:00Z',
      'America/New_York',
      'Monday at 9:00 AM Eastern Standard Time',
    ],
    ['later today', '2026-12-05T18:00:00Z', 'America/New_York', 'today at 1:00 PM Eastern Standard Time'],
    [
      'tomorrow in London',
      '2026-12-06T09:00:00Z',
      'Europe/London',
      'tomorrow at 9:00 AM Greenwich Mean Time',
    ],
    ['no zone known', '2026-12-07T09:00:00Z', undefined, 'Monday at 9:00 AM Coordinated Universal Time'],
  ] as const)('%s', (_name, at, zone, text) => {
    expect(describeTeamOpening(new Date(at), now, zone)).toEqual({ text, phrase: text });
  });

  it('says "soon" when the team never opens within the week', () => {
    expect(describeTeamOpening(null, now, 'America/New_York')).toEqual({ text: 'soon', phrase: null });
  });
});
