import { describe, expect, it } from 'vitest';
import {
  type Claimant,
  type ClaimDecision,
  type ClaimTarget,
  canClaim,
  describeOverride,
} from './can-claim.ts';

const who = (extra: Partial<Claimant> = {}): Claimant => ({
  role: 'agent',
  teams: ['support'],
  skills: [],
  capacity: 2,
  assigned: 0,
  ...extra,
});
const support: ClaimTarget = { team: 'support', teamSkills: [] };
const fraud: ClaimTarget = { team: 'fraud', teamSkills: ['cards', 'disputes'] };
const allow = (...overrides: ('team' | 'capacity')[]): ClaimDecision => ({ kind: 'allow', overrides });
const refuse = (code: 'NOT_IN_TEAM' | 'AGENT_AT_CAPACITY') =>
  expect.objectContaining({ kind: 'refuse', code });

describe('canClaim', () => {
  it.each<[string, Claimant, ClaimTarget, 'take' | 'offer', unknown]>([
    ['an agent takes from their team', who(), support, 'take', allow()],
    [
      'an agent takes a conversation no team holds yet',
      who(),
      { team: null, teamSkills: [] },
      'take',
      allow(),
    ],
    ['an agent takes from another team', who(), fraud, 'take', refuse('NOT_IN_TEAM')],
    [
      'holding the team skills counts as membership',
      who({ skills: ['cards', 'disputes'] }),
      fraud,
      'take',
      allow(),
    ],
    ['an agent at capacity', who({ assigned: 2 }), support, 'take', refuse('AGENT_AT_CAPACITY')],
    ['an agent far over capacity', who({ assigned: 16 }), support, 'take', refuse('AGENT_AT_CAPACITY')],
    ['wrong team is said before capacity', who({ assigned: 2 }), fraud, 'take', refuse('NOT_IN_TEAM')],
    ['a supervisor in the team', who({ role: 'supervisor' }), support, 'take', allow()],
    ['a supervisor outside the team', who({ role: 'supervisor', teams: [] }), fraud, 'take', allow('team')],
    [
      'a supervisor at capacity',
      who({ role: 'supervisor', assigned: 2 }),
      support,
      'take',
      allow('capacity'),
    ],
    [
      'an admin overrides both',
      who({ role: 'admin', teams: [], assigned: 5 }),
      fraud,
      'take',
      allow('team', 'capacity'),
    ],
    ['an offer stands for the team', who(), fraud, 'offer', allow()],
    ['an offer still needs capacity', who({ assigned: 2 }), support, 'offer', refuse('AGENT_AT_CAPACITY')],
    [
      'even a supervisor accepting an offer',
      who({ role: 'supervisor', assigned: 2 }),
      support,
      'offer',
      refuse('AGENT_AT_CAPACITY'),
    ],
  ])('%s', (_name, claimant, target, via, expected) => {
    expect(canClaim(claimant, target, via)).toEqual(expected);
  });
});

describe('describeOverride', () => {
  it('names each rule set aside', () => {
    expect(describeOverride('Sam', ['team', 'capacity'], { assigned: 3, capacity: 3 }, 'fraud')).toBe(
      'Override: Sam took this conversation outside their teams (fraud) and over their capacity (4 of 3).',
    );
  });
});
