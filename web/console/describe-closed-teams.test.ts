import { describe, expect, it } from 'vitest';
import { describeClosedTeams } from './describe-closed-teams.ts';

const reader = { locale: 'en-GB', timeZone: 'Europe/London' };
// Saturday 5 December 2026, 07:00 in London.
const now = new Date('2026-12-05T07:00:00Z');

describe('describeClosedTeams', () => {
  it('names each closed team and when it opens, in the agent’s zone; open teams say nothing', () => {
    expect(
      describeClosedTeams(
        [
          { team: 'lending', name: 'Lending', open: false, opensAt: '2026-12-05T09:00:00Z' },
          { team: 'cards', name: 'Cards', open: false, opensAt: '2026-12-07T14:00:00Z' },
          { team: 'support', name: 'Customer Support', open: true, opensAt: null },
          { team: 'archive', name: 'Archive', open: false, opensAt: null },
        ],
        now,
        reader,
      ),
    ).toEqual([
      'Lending is closed until 9:00',
      'Cards is closed until Monday at 14:00',
      'Archive is closed, with no opening hours in the coming week',
    ]);
  });
});
