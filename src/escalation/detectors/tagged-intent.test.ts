import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../protocol/policy.ts';
import { createContext } from '../assess-context.ts';
import { toEscalationPack } from '../escalation-pack.ts';
import { makePack, makeTurn } from '../fixtures/make-turn.ts';
import { detectTaggedIntent } from './tagged-intent.ts';

/** A pack whose intents carry the tags a first-time author writes, and no policy unless given. */
function packWith(policy: PolicyInput = {}) {
  const base = makePack(policy);
  return toEscalationPack({
    ...base,
    intents: [
      ...base.intents,
      { id: 'card_fraud', team: 'care', tags: ['risk:fraud', 'urgent'] },
      { id: 'outage', team: 'care', tags: ['risk:outage'], tool: { id: 'order_status' } },
      { id: 'hardship', team: 'care', tags: ['risk:hardship'] },
    ],
  });
}

const signals = (text: string, intent: string, policy?: PolicyInput, confidence = 0.95) =>
  detectTaggedIntent(
    createContext(packWith(policy), {
      turns: [makeTurn(text, { intent, confidence })],
      customer: { tier: 'standard', attributes: {} },
      elapsedMinutes: 0,
    }),
  ).map((s) => `${s.detector}=${s.score}`);

describe('tagged intent', () => {
  it.each([
    [
      'an urgent risk intent',
      'someone stole my card and is spending',
      'card_fraud',
      undefined,
      ['intent_urgent=1', 'intent_risk=1'],
    ],
    [
      'a risk intent the bot cannot serve',
      'I lost my job and cannot pay',
      'hardship',
      undefined,
      ['intent_risk=1'],
    ],
    ['a risk the bot serves with a lookup', 'my power is out', 'outage', undefined, []],
    [
      'a how-to question about it',
      'how do I report a stolen card?',
      'card_fraud',
      undefined,
      ['intent_urgent=0.5', 'intent_risk=0.5'],
    ],
    ['the customer confirms it was them', 'the charge you flagged, it was me', 'card_fraud', undefined, []],
    [
      "a pack risk that claims the intent's tag",
      'someone stole my card',
      'card_fraud',
      { risks: [{ id: 'fraud', label: 'Fraud', tags: ['risk:fraud'] }] },
      [],
    ],
    ['an untagged intent', 'book me in', 'book_appointment', undefined, []],
  ])('%s', (_name, text, intent, policy, expected) => {
    expect(signals(text, intent, policy)).toEqual(expected);
  });

  it('needs a trusted intent', () => {
    expect(signals('someone stole my card', 'card_fraud', undefined, 0.3)).toEqual([]);
  });
});
