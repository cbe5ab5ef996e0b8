import { describe, expect, it } from 'vitest';
import type { AgentCandidate } from './choose-agent.ts';
import type { Refusal } from './offer-refusals.ts';
import { type DispatchItem, type DispatchTeam, planDispatch } from './plan-dispatch.ts';

const now = new Date('2026-11-25T15:00:00Z');
const team = (extra: Partial<DispatchTeam> = {}): DispatchTeam => ({
  skills: [],
  businessHours: null,
  autoAccept: false,
  offerTimeoutSeconds: 30,
  relaxSkillsAfterSeconds: null,
  strategy: 'least_busy',
  ...extra,
});
const agent = (id: string, extra: Partial<AgentCandidate> = {}): AgentCandidate => ({
  id,
  status: 'online',
  teams: ['loans'],
  skills: [],
  capacity: 1,
  load: 0,
  lastAssignedAt: null,
  ...extra,
});
const item = (id: string, extra: Partial<DispatchItem> = {}): DispatchItem => ({
  id,
  team: 'loans',
  priority: 'normal',
  queuedAt: now.getTime() - 60_000,
  requiredSkills: [],
  handoffMode: 'warm',
  ...extra,
});
const plan = (
  queue: DispatchItem[],
  candidates: AgentCandidate[],
  teams = new Map([['loans', team()]]),
  refused = new Map<string, Refusal[]>(),
) =>
  planDispatch({ queue, candidates, teams, refused, lastPicked: new Map(), now, cooldownSeconds: 60 }).steps;
const refusal = (agentId: string, secondsAgo: number, kind: Refusal['kind'] = 'declined'): Refusal => ({
  agentId,
  kind,
  at: now.getTime() - secondsAgo * 1000,
});

describe('planDispatch', () => {
  it('offers in queue order and counts each pick against capacity', () => {
    const steps = plan([item('late', { queuedAt: now.getTime() - 10_000 }), item('early')], [agent('a')]);
    expect(steps).toEqual([
      { kind: 'offer', conversationId: 'early', agentId: 'a', expiresAt: new Date(now.getTime() + 30_000) },
    ]);
  });

  it('assigns cold handoffs and auto-accept teams at once', () => {
    expect(plan([item('c', { handoffMode: 'cold' })], [agent('a')])[0]?.kind).toBe('assign');
    expect(plan([item('c')], [agent('a')], new Map([['loans', team({ autoAccept: true })]]))[0]?.kind).toBe(
      'assign',
    );
  });

  it('leaves closed teams waiting', () => {
    const closed = team({
      businessHours: {
        timezone: 'UTC',
        weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        holidays: [],
      },
    });
    expect(plan([item('c')], [agent('a')], new Map([['loans', closed]]))).toEqual([]);
  });

  it.each<[string, AgentCandidate[], Refusal[], string | null]>([
    ['another agent first', [agent('a'), agent('b')], [refusal('a', 5)], 'b'],
    ['a lone agent waits out the cool-down', [agent('a')], [refusal('a', 59)], null],
    ['a lone agent missed it: same', [agent('a')], [refusal('a', 10, 'expired')], null],
    ['a lone agent gets it again after the cool-down', [agent('a')], [refusal('a', 60)], 'a'],
    [
      'others first even after the cool-down',
      [agent('a'), agent('b', { load: 1, capacity: 2 })],
      [refusal('a', 600)],
      'b',
    ],
    [
      'everyone refused: whoever cooled down',
      [agent('a'), agent('b')],
      [refusal('a', 90), refusal('b', 20)],
      'a',
    ],
    [
      'the latest refusal sets the cool-down',
      [agent('a')],
      [refusal('a', 300, 'expired'), refusal('a', 30)],
      null,
    ],
    ['everyone cooling down', [agent('a'), agent('b')], [refusal('a', 10), refusal('b', 20)], null],
  ])('refused offers: %s', (_name, candidates, refusals, expected) => {
    expect(plan([item('c')], candidates, undefined, new Map([['c', refusals]]))[0]?.agentId ?? null).toBe(
      expected,
    );
  });

  it('relaxes required skills after the team wait', () => {
    const needs = item('c', { requiredSkills: ['spanish'], queuedAt: now.getTime() - 300_000 });
    expect(plan([needs], [agent('a')])).toEqual([]);
    expect(
      plan([needs], [agent('a')], new Map([['loans', team({ relaxSkillsAfterSeconds: 120 })]]))[0]?.agentId,
    ).toBe('a');
  });
});
