import { describe, expect, it } from 'vitest';
import type { AgentCandidate } from './choose-agent.ts';
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
  refused = new Map<string, string[]>(),
) => planDispatch({ queue, candidates, teams, refused, lastPicked: new Map(), now }).steps;

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

  it('skips who refused it and leaves closed teams waiting', () => {
    expect(plan([item('c')], [agent('a'), agent('b')], undefined, new Map([['c', ['a']]]))[0]?.agentId).toBe(
      'b',
    );
    const closed = team({
      businessHours: {
        timezone: 'UTC',
        weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        holidays: [],
      },
    });
    expect(plan([item('c')], [agent('a')], new Map([['loans', closed]]))).toEqual([]);
  });

  it('relaxes required skills after the team wait', () => {
    const needs = item('c', { requiredSkills: ['spanish'], queuedAt: now.getTime() - 300_000 });
    expect(plan([needs], [agent('a')])).toEqual([]);
    expect(
      plan([needs], [agent('a')], new Map([['loans', team({ relaxSkillsAfterSeconds: 120 })]]))[0]?.agentId,
    ).toBe('a');
  });
});
