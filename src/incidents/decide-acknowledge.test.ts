import { describe, expect, it } from 'vitest';
import { decideAcknowledge } from './decide-acknowledge.ts';

const incident = {
  status: 'open',
  pages: [
    { team: 'traders', ackedAt: null },
    { team: 'compliance', ackedAt: '2026-01-06T14:00:10Z' },
  ],
};
const trader = { id: 'a1', role: 'agent', teams: ['traders'] };
const officer = { id: 'a2', role: 'agent', teams: ['compliance'] };
const sup = { id: 's', role: 'supervisor', teams: [] };

describe('decideAcknowledge', () => {
  it.each([
    ['a member, for their paged team', trader, undefined, { kind: 'ack', team: 'traders' }],
    ['a member naming their team', trader, 'traders', { kind: 'ack', team: 'traders' }],
    ['a member whose team already acknowledged', officer, undefined, { kind: 'already', team: 'compliance' }],
    ['a member naming another team', trader, 'compliance', { kind: 'refuse', code: 'NOT_IN_TEAM' }],
    ['a team that was not paged', trader, 'it_ops', { kind: 'refuse', code: 'NOT_PAGED' }],
    ['a supervisor for any paged team', sup, 'traders', { kind: 'ack', team: 'traders' }],
    ['a supervisor naming no team', sup, undefined, { kind: 'refuse', code: 'NOT_PAGED' }],
    [
      'someone from no paged team',
      { id: 'x', role: 'agent', teams: ['it_ops'] },
      undefined,
      { kind: 'refuse', code: 'NOT_PAGED' },
    ],
  ] as const)('%s', (_name, who, team, expected) => {
    expect(decideAcknowledge(incident, who, team)).toMatchObject(expected);
  });

  it('refuses on a resolved incident', () => {
    expect(decideAcknowledge({ ...incident, status: 'resolved' }, trader, undefined)).toMatchObject({
      kind: 'refuse',
      code: 'CONFLICT',
    });
  });
});
