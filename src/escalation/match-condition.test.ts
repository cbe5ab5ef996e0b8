import { describe, expect, it } from 'vitest';
import type { Condition } from '../protocol/policy.ts';
import { createContext } from './assess-context.ts';
import { toEscalationPack } from './escalation-pack.ts';
import { makePack, makeTurn } from './fixtures/make-turn.ts';
import { matchCondition } from './match-condition.ts';

const pack = toEscalationPack(makePack());
const ctx = (text: string, bill: Record<string, unknown> | null, attributes: Record<string, string> = {}) =>
  createContext(pack, {
    turns: [makeTurn(text)],
    customer: { tier: 'standard', attributes },
    elapsedMinutes: 0,
    toolData: bill ? { purchases: { '*': bill } } : undefined,
  });

describe('conditions comparing two values', () => {
  const farAboveUsual: Condition = { fact: 'amount', gt: { ref: 'tool.purchases.usual_amount', times: 2 } };

  it('compares a fact with a tool field times a factor, and names both values', () => {
    const result = matchCondition(ctx('my bill is $420 this month', { usual_amount: 150 }), farAboveUsual);
    expect(result.ok).toBe(true);
    expect(result.evidence).toEqual(['amount 420 > 2 x tool.purchases.usual_amount (300)']);
  });

  it('does not hold below the bound or when the other value is unknown', () => {
    expect(matchCondition(ctx('my bill is $280', { usual_amount: 150 }), farAboveUsual).ok).toBe(false);
    expect(matchCondition(ctx('my bill is $420', { item: 'lamp' }), farAboveUsual).ok).toBe(false);
  });

  it('compares two tool fields, with an offset, and reads customer attributes', () => {
    const data = { charged: 90, quoted: 60 };
    const over: Condition = {
      tool: 'purchases',
      field: 'charged',
      gte: { ref: 'tool.purchases.quoted', plus: 25 },
    };
    expect(matchCondition(ctx('why this charge', data), over).ok).toBe(true);
    expect(matchCondition(ctx('why this charge', { charged: 80, quoted: 60 }), over).ok).toBe(false);
    const limit: Condition = { fact: 'amount', gt: { ref: 'attribute.claim_limit' } };
    expect(matchCondition(ctx('the repair is $2,500', null, { claim_limit: '2000' }), limit).ok).toBe(true);
    expect(matchCondition(ctx('the repair is $1,500', null, { claim_limit: '2000' }), limit).ok).toBe(false);
  });
});
