import { describe, expect, it } from 'vitest';
import type { PackChange, PackDocument } from '../protocol/learning.ts';
import { applyChanges } from './apply-changes.ts';
import { documentToPack } from './document-pack.ts';
import { LearningError } from './learning-error.ts';

const examples = (p: string) => Array.from({ length: 10 }, (_, i) => `${p} ${i}`);
const doc = (): PackDocument => ({
  pack: {
    id: 'shop',
    name: 'Shop',
    intents: [
      { id: 'greeting', tags: ['smalltalk'], answer: 'Hi!', examples: examples('hello') },
      { id: 'refund', team: 'billing', examples: examples('refund please') },
    ],
    teams: [
      { id: 'support', name: 'Support', default: true },
      { id: 'billing', name: 'Billing' },
    ],
  },
  lexicon: {},
});

describe('applyChanges', () => {
  it('applies each operation by name, never by position, and leaves the input untouched', () => {
    const before = doc();
    const after = applyChanges(before, [
      { op: 'add_intent_examples', intent: 'refund', examples: ['money back', 'REFUND PLEASE 1'] },
      {
        op: 'add_article',
        article: { id: 'tolls', title: 'Tolls', body: 'Charged to your card.', tags: [] },
      },
      { op: 'add_topic_terms', team: 'billing', terms: ['invoice'] },
      { op: 'add_topic_terms', team: 'billing', terms: ['invoice', 'charge'] },
      { op: 'set_intent_team', intent: 'greeting', team: 'support' },
      { op: 'set_rule_impact', rule: 'frustration', impact: 0.3 },
      {
        op: 'put_suppression',
        suppression: { id: 'calm', rules: ['frustration'], when: { intent: ['refund'] }, reason: 'r' },
      },
      { op: 'add_lexicon_terms', set: 'money', terms: ['cash'] },
    ]);
    expect(before).toEqual(doc());
    const pack = documentToPack(after);
    expect(pack.intents[1]!.examples).toContain('money back');
    expect(pack.intents[1]!.examples.filter((e) => e.toLowerCase() === 'refund please 1')).toHaveLength(1);
    expect(pack.knowledge.map((a) => a.id)).toEqual(['tolls']);
    expect(pack.policy.topics).toEqual([{ team: 'billing', terms: ['invoice', 'charge'] }]);
    expect(pack.intents[0]!.team).toBe('support');
    expect(pack.policy.rules?.find((r) => r.id === 'frustration')?.impact).toBe(0.3);
    expect(pack.policy.suppress?.map((s) => s.id)).toEqual(['calm']);
    expect(pack.policy.lexicon).toEqual({ money: ['cash'] });
  });

  it('stores the learned model with the rule it enters the matrix through', () => {
    const model = {
      version: 1 as const,
      trainedOn: { conversations: 2, turns: 3 },
      bias: -1,
      weights: { 'w:refund': 2 },
      threshold: 0.5,
      teams: [],
      priorities: [],
    };
    const pack = documentToPack(applyChanges(doc(), [{ op: 'set_learned_model', model, impact: 1 }]));
    expect(pack.policy.learned?.weights).toEqual({ 'w:refund': 2 });
    expect(pack.policy.rules?.find((r) => r.id === 'learned')?.when).toEqual({ signal: 'learned' });
  });

  it.each([
    [{ op: 'add_intent_examples', intent: 'nope', examples: ['x'] }, /no intent "nope"/],
    [{ op: 'set_intent_team', intent: 'refund', team: 'ghosts' }, /no team "ghosts"/],
    [{ op: 'set_rule_impact', rule: 'made_up', impact: 0.2 }, /no rule "made_up"/],
    [{ op: 'add_intent', intent: { id: 'refund', examples: ['x'] } }, /already exists/],
  ] as [PackChange, RegExp][])('refuses %o with CHANGE_NOT_APPLICABLE', (change, message) => {
    expect(() => applyChanges(doc(), [change])).toThrow(message);
    expect(() => applyChanges(doc(), [change])).toThrow(LearningError);
  });
});
