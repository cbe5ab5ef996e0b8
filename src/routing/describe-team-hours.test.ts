import { describe, expect, it } from 'vitest';
import type { BusinessHours } from './business-hours.ts';
import { describeTeamHours } from './describe-team-hours.ts';

const weekdays: BusinessHours = {
  timezone: 'America/New_York',
  weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
};
const teams = [
  { id: 'lending', name: 'Lending', businessHours: weekdays },
  { id: 'support', name: 'Customer Support', businessHours: null },
  { id: 'fraud', name: 'Fraud', businessHours: weekdays },
];

describe('describeTeamHours', () => {
  it('says which of the given teams are closed and when each opens', () => {
    // Saturday 5 December 2026, 09:00 in New York.
    const at = new Date('2026-12-05T14:00:00Z');
    expect(describeTeamHours(teams, ['lending', 'support'], at)).toEqual([
      { team: 'lending', name: 'Lending', open: false, opensAt: new Date('2026-12-07T14:00:00Z') },
      { team: 'support', name: 'Customer Support', open: true, opensAt: null },
    ]);
  });

  it('reports an open team as open', () => {
    const monday = new Date('2026-12-07T15:00:00Z');
    expect(describeTeamHours(teams, ['lending'], monday)).toEqual([
      { team: 'lending', name: 'Lending', open: true, opensAt: null },
    ]);
  });
});
