import { describe, expect, it } from 'vitest';
import { type OverflowTeam, planOverflow } from './plan-overflow.ts';

const team = (id: string, extra: Partial<OverflowTeam> = {}): OverflowTeam => ({
  id,
  name: id,
  overflowTeam: null,
  overflowAfterSeconds: null,
  ...extra,
});
const teams = new Map([
  ['loans', team('loans', { overflowTeam: 'support', overflowAfterSeconds: 120 })],
  ['fraud', team('fraud', { overflowTeam: 'gone', overflowAfterSeconds: 60 })],
  ['support', team('support')],
]);
const now = 1_000_000;

describe('planOverflow', () => {
  it.each([
    ['waited past the overflow time', { id: 'c', team: 'loans', queuedAt: now - 121_000 }, ['support']],
    ['still within it', { id: 'c', team: 'loans', queuedAt: now - 119_000 }, []],
    ['no overflow configured', { id: 'c', team: 'support', queuedAt: now - 999_000 }, []],
    ['the fallback team does not exist', { id: 'c', team: 'fraud', queuedAt: now - 999_000 }, []],
    ['an unknown team', { id: 'c', team: 'nobody', queuedAt: now - 999_000 }, []],
  ])('%s', (_name, queued, to) => {
    expect(planOverflow([queued], teams, now).map((m) => m.to)).toEqual(to);
  });
});
