import { describe, expect, it } from 'vitest';
import { type BusinessHours, isOpen, nextOpening } from './business-hours.ts';
import { type AgentCandidate, type AgentRequest, chooseAgent } from './choose-agent.ts';
import { describeWait, estimateWait } from './estimate-wait.ts';
import { orderQueue } from './order-queue.ts';

const agent = (id: string, extra: Partial<AgentCandidate> = {}): AgentCandidate => ({
  id,
  status: 'online',
  teams: ['loans'],
  skills: [],
  capacity: 3,
  load: 0,
  lastAssignedAt: null,
  ...extra,
});
const request = (extra: Partial<AgentRequest> = {}): AgentRequest => ({
  team: 'loans',
  teamSkills: [],
  requiredSkills: [],
  relaxSkills: false,
  exclude: [],
  strategy: 'least_busy',
  lastPicked: null,
  ...extra,
});

describe('chooseAgent', () => {
  it.each<[string, AgentCandidate[], Partial<AgentRequest>, string | null]>([
    ['nobody online', [agent('a', { status: 'away' }), agent('b', { status: 'offline' })], {}, null],
    ['at capacity', [agent('a', { load: 3 })], {}, null],
    ['other team', [agent('a', { teams: ['fraud'] })], {}, null],
    [
      'holds the team skills instead',
      [agent('a', { teams: [], skills: ['mortgage'] })],
      { teamSkills: ['mortgage'] },
      'a',
    ],
    ['least busy first', [agent('a', { load: 2 }), agent('b', { load: 1 })], {}, 'b'],
    [
      'busy relative to capacity',
      [agent('a', { load: 2, capacity: 10 }), agent('b', { load: 1, capacity: 2 })],
      {},
      'a',
    ],
    [
      'then longest idle',
      [agent('a', { lastAssignedAt: 200 }), agent('b', { lastAssignedAt: 100 })],
      {},
      'b',
    ],
    ['never assigned counts as longest idle', [agent('a', { lastAssignedAt: 1 }), agent('b')], {}, 'b'],
    ['skips who declined', [agent('a'), agent('b', { load: 1 })], { exclude: ['a'] }, 'b'],
    [
      'needs required skills',
      [agent('a'), agent('b', { skills: ['spanish'], load: 2 })],
      { requiredSkills: ['spanish'] },
      'b',
    ],
    ['relaxed skills', [agent('a')], { requiredSkills: ['spanish'], relaxSkills: true }, 'a'],
    [
      'round robin moves on',
      [agent('a'), agent('b'), agent('c')],
      { strategy: 'round_robin', lastPicked: 'a' },
      'b',
    ],
    ['round robin wraps', [agent('a'), agent('b')], { strategy: 'round_robin', lastPicked: 'b' }, 'a'],
  ])('%s', (_name, candidates, req, expected) => {
    expect(chooseAgent(candidates, request(req))).toBe(expected);
  });
});

describe('orderQueue', () => {
  const now = 10_000_000;
  it('puts higher priority first, then the longest waiting', () => {
    const items = [
      { id: 'n-old', priority: 'normal' as const, queuedAt: now - 60_000 },
      { id: 'u-new', priority: 'urgent' as const, queuedAt: now - 1_000 },
      { id: 'n-older', priority: 'normal' as const, queuedAt: now - 120_000 },
      { id: 'h', priority: 'high' as const, queuedAt: now - 5_000 },
    ];
    expect(orderQueue(items, now).map((i) => i.id)).toEqual(['u-new', 'h', 'n-older', 'n-old']);
  });

  it('ages priority so a long wait is not starved', () => {
    const items = [
      { id: 'u-new', priority: 'urgent' as const, queuedAt: now },
      { id: 'n-starving', priority: 'normal' as const, queuedAt: now - 25 * 60_000 },
    ];
    expect(orderQueue(items, now, 600).map((i) => i.id)).toEqual(['n-starving', 'u-new']);
  });
});

describe('business hours', () => {
  const hours: BusinessHours = {
    timezone: 'America/New_York',
    weekly: {
      mon: ['09:00-17:00'],
      tue: ['09:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-17:00'],
      sat: [],
      sun: [],
    },
    holidays: [{ date: '2026-12-25' }],
  };
  it.each([
    ['Monday 10:00 New York', '2026-11-23T15:00:00Z', true],
    ['Monday 08:59 New York', '2026-11-23T13:59:00Z', false],
    ['Monday 17:00 New York', '2026-11-23T22:00:00Z', false],
    ['Saturday noon', '2026-11-28T17:00:00Z', false],
    ['Christmas', '2026-12-25T15:00:00Z', false],
  ])('%s', (_name, at, open) => {
    expect(isOpen(hours, new Date(at))).toBe(open);
  });

  it('finds the next opening', () => {
    expect(nextOpening(hours, new Date('2026-11-28T17:00:00Z'))?.toISOString()).toBe(
      '2026-11-30T14:00:00.000Z',
    );
    expect(isOpen(null, new Date())).toBe(true);
  });
});

describe('estimateWait', () => {
  it.each([
    ['nobody online', { position: 1, freeSlots: 0, totalSlots: 0, recentHandleSeconds: [] }, 'unknown'],
    [
      'a free slot',
      { position: 1, freeSlots: 2, totalSlots: 6, recentHandleSeconds: [300] },
      'less than a minute',
    ],
    [
      'behind two, one agent of one slot',
      { position: 3, freeSlots: 0, totalSlots: 1, recentHandleSeconds: [240] },
      'about 10 minutes',
    ],
  ])('%s', (_name, input, said) => {
    expect(describeWait(estimateWait(input))).toBe(said);
  });

  /** Simulates a team (Poisson arrivals, exponential handle times) and compares each estimate with the real wait. */
  it('stays close to the real waits of a simulated queue', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) % 2 ** 32;
      return seed / 2 ** 32;
    };
    const exp = (mean: number) => -Math.log(1 - random()) * mean;
    const slots = 6;
    const meanHandle = 300;
    const arrivalEvery = 58; // about 86% utilisation: a real queue forms
    const busyUntil: number[] = Array(slots).fill(0);
    const queue: { arrived: number; estimate: number }[] = [];
    const handled: number[] = [];
    const errors: number[] = [];
    const waits: number[] = [];
    let t = 0;
    for (let n = 0; n < 4000; n++) {
      t += exp(arrivalEvery);
      // Serve everyone whose slot frees before this arrival, in order.
      for (;;) {
        const slot = busyUntil.indexOf(Math.min(...busyUntil));
        const freeAt = busyUntil[slot]!;
        if (queue.length === 0 || freeAt > t) break;
        const next = queue.shift()!;
        const start = Math.max(freeAt, next.arrived);
        const handle = exp(meanHandle);
        busyUntil[slot] = start + handle;
        handled.unshift(handle);
        const actual = start - next.arrived;
        if (n > 200) {
          errors.push(Math.abs(next.estimate - actual));
          waits.push(actual);
        }
      }
      const freeSlots = busyUntil.filter((b) => b <= t).length;
      const estimate = estimateWait({
        position: queue.length + 1,
        freeSlots,
        totalSlots: slots,
        recentHandleSeconds: handled,
        acceptSeconds: 0,
      });
      queue.push({ arrived: t, estimate: estimate.kind === 'estimate' ? estimate.seconds : 0 });
    }
    const mae = errors.reduce((a, b) => a + b, 0) / errors.length;
    const meanWait = waits.reduce((a, b) => a + b, 0) / waits.length;
    // Documented in docs/routing.md: the mean absolute error is a fraction of a mean handle time.
    expect(mae).toBeLessThan(meanHandle * 0.5);
    expect(meanWait).toBeGreaterThan(30);
    console.log(
      `wait estimate: mean absolute error ${mae.toFixed(0)} s, mean real wait ${meanWait.toFixed(0)} s, over ${errors.length} customers`,
    );
  });
});
