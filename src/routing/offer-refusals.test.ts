import { describe, expect, it } from 'vitest';
import { coolingDown, decideMissedOffers, type OfferOutcome, type Refusal } from './offer-refusals.ts';

describe('coolingDown', () => {
  const now = 1_000_000;
  it.each<[string, Refusal[], [string, number][]]>([
    ['nobody refused', [], []],
    ['declined just now', [{ agentId: 'a', kind: 'declined', at: now - 1_000 }], [['a', now + 59_000]]],
    ['missed a while ago, cooled down', [{ agentId: 'a', kind: 'expired', at: now - 60_000 }], []],
    [
      'the latest refusal counts',
      [
        { agentId: 'a', kind: 'expired', at: now - 50_000 },
        { agentId: 'a', kind: 'declined', at: now - 10_000 },
      ],
      [['a', now + 50_000]],
    ],
    [
      'per agent',
      [
        { agentId: 'a', kind: 'declined', at: now - 70_000 },
        { agentId: 'b', kind: 'declined', at: now - 30_000 },
      ],
      [['b', now + 30_000]],
    ],
  ])('%s', (_name, refusals, expected) => {
    expect([...coolingDown(refusals, now, 60)]).toEqual(expected);
  });
});

describe('decideMissedOffers', () => {
  it.each<[string, OfferOutcome[], ReturnType<typeof decideMissedOffers>]>([
    ['no offers yet', [], { kind: 'keep', misses: 0 }],
    ['one miss', ['expired'], { kind: 'keep', misses: 1 }],
    ['two in a row', ['expired', 'expired'], { kind: 'set_away', misses: 2 }],
    ['a decline breaks the run', ['expired', 'declined', 'expired'], { kind: 'keep', misses: 1 }],
    ['an accept breaks the run', ['expired', 'accepted', 'expired', 'expired'], { kind: 'keep', misses: 1 }],
    ['the newest answer was not a miss', ['accepted', 'expired', 'expired'], { kind: 'keep', misses: 0 }],
  ])('%s', (_name, outcomes, expected) => {
    expect(decideMissedOffers(outcomes, 2)).toEqual(expected);
  });
});
