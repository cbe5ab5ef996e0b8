import { describe, expect, it } from 'vitest';
import { firstPages, type PageState, type PlanInput, planPages } from './plan-pages.ts';

const t0 = new Date('2026-01-06T14:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const policy = {
  page: ['traders', 'compliance', 'it_ops'],
  ackSeconds: 60,
  repeat: 1,
  ladder: ['head_of_desk', 'cro'],
};
const everyoneOnline = { traders: 2, compliance: 1, it_ops: 3, head_of_desk: 1, cro: 1 };
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  policy,
  severity: 'critical',
  ladderLevel: 0,
  online: everyoneOnline,
  now: t0,
  ...over,
});
const byTeam = (pages: PageState[]) => Object.fromEntries(pages.map((p) => [p.team, p]));

describe('planPages', () => {
  it('pages every team of the policy at once with an ack deadline', () => {
    const plan = planPages(firstPages(policy, t0), input());
    expect(plan.steps.map((s) => `${s.kind}:${s.team}`)).toEqual([
      'paged:traders',
      'paged:compliance',
      'paged:it_ops',
    ]);
    for (const page of plan.pages) expect(page).toMatchObject({ pages: 1, dueAt: at(60), level: 0 });
    expect(plan.ladderLevel).toBe(0);
  });

  it('leaves pages alone before their deadline and acknowledged pages always', () => {
    const first = planPages(firstPages(policy, t0), input()).pages;
    const acked = first.map((p) => (p.team === 'traders' ? { ...p, acked: true, dueAt: null } : p));
    expect(planPages(acked, input({ now: at(59) })).steps).toEqual([]);
    const plan = planPages(acked, input({ now: at(60) }));
    expect(plan.steps.map((s) => `${s.kind}:${s.team}`)).toEqual(['repaged:compliance', 'repaged:it_ops']);
    expect(byTeam(plan.pages).compliance).toMatchObject({ pages: 2, dueAt: at(120) });
    expect(byTeam(plan.pages).traders).toMatchObject({ pages: 1, dueAt: null });
  });

  it('after the repeat limit, climbs the ladder once for all the silent teams, then to the next rung', () => {
    let state = planPages(firstPages(policy, t0), input());
    state = planPages(state.pages, input({ now: at(60) }));
    state = planPages(state.pages, input({ now: at(120), ladderLevel: state.ladderLevel }));
    expect(state.steps.map((s) => `${s.kind}:${s.team}`)).toEqual([
      'escalated:head_of_desk',
      'paged:head_of_desk',
    ]);
    expect(state.ladderLevel).toBe(1);
    expect(byTeam(state.pages).head_of_desk).toMatchObject({ level: 1, pages: 1, dueAt: at(180) });
    expect(byTeam(state.pages).traders?.dueAt).toBeNull();
    state = planPages(state.pages, input({ now: at(180), ladderLevel: state.ladderLevel }));
    expect(state.steps.map((s) => `${s.kind}:${s.team}`)).toEqual(['repaged:head_of_desk']);
    state = planPages(state.pages, input({ now: at(240), ladderLevel: state.ladderLevel }));
    expect(state.steps.map((s) => `${s.kind}:${s.team}`)).toEqual(['escalated:cro', 'paged:cro']);
    expect(state.ladderLevel).toBe(2);
    state = planPages(state.pages, input({ now: at(300), ladderLevel: 2 }));
    state = planPages(state.pages, input({ now: at(360), ladderLevel: 2 }));
    expect(state.steps).toEqual([]);
    expect(state.pages.every((p) => p.dueAt === null)).toBe(true);
  });

  it('escalates at once past a team with nobody online', () => {
    const plan = planPages(
      firstPages(policy, t0),
      input({ online: { ...everyoneOnline, it_ops: 0, head_of_desk: 0 } }),
    );
    expect(plan.steps.map((s) => `${s.kind}:${s.team}`)).toEqual([
      'paged:traders',
      'paged:compliance',
      'unreachable:it_ops',
      'escalated:head_of_desk',
      'unreachable:head_of_desk',
      'escalated:cro',
      'paged:cro',
    ]);
    expect(plan.ladderLevel).toBe(2);
  });

  it('holds non-critical pages until quiet hours end; critical ones go through', () => {
    const quietHours = { timezone: 'UTC', from: '13:00', to: '15:00' };
    const held = planPages(firstPages(policy, t0), input({ severity: 'high', quietHours }));
    expect(held.steps.every((s) => s.kind === 'held')).toBe(true);
    expect(
      held.pages.every((p) => p.pages === 0 && p.dueAt?.toISOString() === '2026-01-06T15:00:00.000Z'),
    ).toBe(true);
    const later = planPages(
      held.pages,
      input({ severity: 'high', quietHours, now: new Date('2026-01-06T15:00:00Z') }),
    );
    expect(later.steps.map((s) => s.kind)).toEqual(['paged', 'paged', 'paged']);
    const critical = planPages(firstPages(policy, t0), input({ quietHours }));
    expect(critical.steps.map((s) => s.kind)).toEqual(['paged', 'paged', 'paged']);
  });

  it('does not page a ladder team twice when it was already paged by the policy', () => {
    const both = { ...policy, page: ['traders', 'head_of_desk'], repeat: 0 };
    let state = planPages(firstPages(both, t0), input({ policy: both }));
    state = planPages(
      state.pages.map((p) => (p.team === 'head_of_desk' ? { ...p, acked: true, dueAt: null } : p)),
      input({ policy: both, now: at(60) }),
    );
    expect(state.steps.map((s) => `${s.kind}:${s.team}`)).toEqual(['escalated:head_of_desk']);
    expect(state.pages).toHaveLength(2);
  });
});
