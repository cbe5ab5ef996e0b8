import { describe, expect, it } from 'vitest';
import { detectSpike, logFactorial, poissonUpperTail, type SpikeBucket } from './detect-spike.ts';

const hour = 3600_000;

/** 24 baseline hours and 1 window hour (4 buckets of 15 min each; the baseline is 96 buckets). */
function history(
  perBucket: { conversations: number; handoffs: Record<string, number>; intents?: Record<string, number> },
  window: { conversations: number; handoffs: Record<string, number>; intents?: Record<string, number> },
): SpikeBucket[] {
  const make = (i: number, b: typeof perBucket): SpikeBucket => ({
    start: i * (hour / 4),
    conversations: b.conversations,
    handoffs: Object.values(b.handoffs).reduce((s, n) => s + n, 0),
    byRule: { ...b.handoffs },
    byIntent: { ...(b.intents ?? {}) },
  });
  return [
    ...Array.from({ length: 96 }, (_, i) => make(i, perBucket)),
    ...Array.from({ length: 4 }, (_, i) => make(96 + i, window)),
  ];
}

const steady = { conversations: 25, handoffs: { fraud: 2, lending: 2, complaint: 1 } };

describe('detectSpike', () => {
  const cases: {
    name: string;
    buckets: SpikeBucket[];
    kind: 'none' | 'spike';
    why?: string;
    trigger?: string;
    rule?: string;
  }[] = [
    { name: 'a steady background', buckets: history(steady, steady), kind: 'none', why: 'not_significant' },
    {
      name: 'a small wobble',
      buckets: history(steady, { conversations: 25, handoffs: { fraud: 3, lending: 3, complaint: 1 } }),
      kind: 'none',
    },
    {
      name: 'too few handoffs to say anything',
      buckets: history({ conversations: 5, handoffs: {} }, { conversations: 3, handoffs: { fraud: 1 } }),
      kind: 'none',
      why: 'too_few_handoffs',
    },
    {
      name: 'no history yet',
      buckets: history({ conversations: 0, handoffs: {} }, { conversations: 30, handoffs: { fraud: 30 } }),
      kind: 'none',
      why: 'insufficient_baseline',
    },
    {
      name: 'a burst of price-match handoffs on top of the background',
      buckets: history(steady, {
        conversations: 35,
        handoffs: { fraud: 2, lending: 2, complaint: 1, price_match: 10 },
      }),
      kind: 'spike',
      trigger: 'rate',
      rule: 'price_match',
    },
    {
      name: 'one reason surging while the total barely moves',
      buckets: history(
        { conversations: 25, handoffs: { fraud: 6, lending: 6, complaint: 6 } },
        { conversations: 25, handoffs: { fraud: 3, lending: 3, complaint: 3, price_match: 12 } },
      ),
      kind: 'spike',
      trigger: 'reason',
      rule: 'price_match',
    },
  ];
  it.each(cases)('$name', (c) => {
    const verdict = detectSpike(c.buckets);
    expect(verdict.kind).toBe(c.kind);
    if (verdict.kind === 'none' && c.why) expect(verdict.why).toBe(c.why);
    if (verdict.kind === 'spike') {
      expect(verdict.trigger).toBe(c.trigger);
      expect(verdict.drivers.rules[0]?.key).toBe(c.rule);
    }
  });

  it('names the intent behind the burst', () => {
    const verdict = detectSpike(
      history(
        { ...steady, intents: { card_lost: 2, mortgage: 2 } },
        {
          conversations: 35,
          handoffs: { fraud: 2, lending: 2, price_match: 12 },
          intents: { price_match_request: 12, card_lost: 2 },
        },
      ),
    );
    expect(verdict.kind).toBe('spike');
    if (verdict.kind === 'spike')
      expect(verdict.drivers.intents.map((d) => d.key)).toEqual(['price_match_request']);
  });
});

describe('Poisson tail', () => {
  it.each([
    { k: 0, lambda: 3, p: 1 },
    { k: 1, lambda: 1, p: 1 - Math.exp(-1) },
    { k: 3, lambda: 1, p: 1 - Math.exp(-1) * (1 + 1 + 0.5) },
  ])('P(X >= $k | $lambda)', ({ k, lambda, p }) => {
    expect(poissonUpperTail(k, lambda)).toBeCloseTo(p, 10);
  });
  it('stays accurate for large counts', () => {
    expect(poissonUpperTail(1000, 1000)).toBeCloseTo(0.504205244, 8);
    expect(poissonUpperTail(1200, 1000)).toBeLessThan(1e-8);
  });
  it('computes log factorials', () => {
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 10);
    expect(logFactorial(20)).toBeCloseTo(Math.log(2432902008176640000), 8);
  });
});
