import { describe, expect, it } from 'vitest';
import { countSlots, estimateWait, type SlotAgent } from './estimate-wait.ts';

const now = 1_000_000;
const agent = (id: string, capacity = 2, load = 0): SlotAgent => ({ id, capacity, load });

describe('countSlots', () => {
  it.each<[string, Parameters<typeof countSlots>[0], ReturnType<typeof countSlots>]>([
    [
      'nobody who can take it',
      { agents: [], open: true, coolingUntil: new Map(), offered: false, nowMs: now },
      { freeSlots: 0, totalSlots: 0, readyInSeconds: 0 },
    ],
    [
      'closed team',
      { agents: [agent('a')], open: false, coolingUntil: new Map(), offered: false, nowMs: now },
      { freeSlots: 0, totalSlots: 0, readyInSeconds: 0 },
    ],
    [
      'free and busy agents',
      {
        agents: [agent('a', 2, 1), agent('b', 3, 3)],
        open: true,
        coolingUntil: new Map(),
        offered: false,
        nowMs: now,
      },
      { freeSlots: 1, totalSlots: 5, readyInSeconds: 0 },
    ],
    [
      'the lone agent declined it 20 s ago',
      {
        agents: [agent('a')],
        open: true,
        coolingUntil: new Map([['a', now + 40_000]]),
        offered: false,
        nowMs: now,
      },
      { freeSlots: 2, totalSlots: 2, readyInSeconds: 40 },
    ],
    [
      'another agent is ready',
      {
        agents: [agent('a'), agent('b', 1)],
        open: true,
        coolingUntil: new Map([['a', now + 40_000]]),
        offered: false,
        nowMs: now,
      },
      { freeSlots: 3, totalSlots: 3, readyInSeconds: 0 },
    ],
    [
      'the free agent cools down, the ready one is busy',
      {
        agents: [agent('a', 2, 0), agent('b', 1, 1)],
        open: true,
        coolingUntil: new Map([['a', now + 30_000]]),
        offered: false,
        nowMs: now,
      },
      { freeSlots: 2, totalSlots: 3, readyInSeconds: 30 },
    ],
    [
      'every slot busy, everyone cooling down',
      {
        agents: [agent('a', 1, 1)],
        open: true,
        coolingUntil: new Map([['a', now + 30_000]]),
        offered: false,
        nowMs: now,
      },
      { freeSlots: 0, totalSlots: 1, readyInSeconds: 30 },
    ],
    [
      'offered to the lone agent of one slot',
      { agents: [agent('a', 1, 1)], open: true, coolingUntil: new Map(), offered: true, nowMs: now },
      { freeSlots: 1, totalSlots: 1, readyInSeconds: 0 },
    ],
  ])('%s', (_name, input, expected) => {
    expect(countSlots(input)).toEqual(expected);
  });
});

describe('estimateWait with cool-downs', () => {
  it.each([
    ['ready now: a slot frees first', 0, 15],
    ['the only agent cools down for 40 s', 40, 50],
  ])('%s', (_name, readyInSeconds, seconds) => {
    expect(
      estimateWait({ position: 1, freeSlots: 0, totalSlots: 2, recentHandleSeconds: [20], readyInSeconds }),
    ).toEqual({ kind: 'estimate', seconds });
  });

  it('says nobody is available when no agent can take it', () => {
    expect(estimateWait({ position: 1, freeSlots: 0, totalSlots: 0, recentHandleSeconds: [] })).toEqual({
      kind: 'nobody_available',
    });
  });
});
