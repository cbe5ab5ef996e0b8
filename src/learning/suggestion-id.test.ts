import { describe, expect, it } from 'vitest';
import { suggestionId } from './suggestion-id.ts';

describe('suggestionId', () => {
  it('is the same for the same proposal whatever the key order, and differs for another one', () => {
    const a = suggestionId('topic_team', [{ op: 'add_topic_terms', team: 'billing', terms: ['invoice'] }]);
    const b = suggestionId('topic_team', [
      { terms: ['invoice'], team: 'billing', op: 'add_topic_terms' } as never,
    ]);
    const c = suggestionId('topic_team', [{ op: 'add_topic_terms', team: 'billing', terms: ['charge'] }]);
    expect(a).toMatch(/^sg-[0-9a-f]{16}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('names one learned-signal proposal whatever its weights', () => {
    const model = (bias: number) => ({
      version: 1 as const,
      trainedOn: { conversations: 1, turns: 1 },
      bias,
      weights: {},
      threshold: 0.5,
      teams: [],
      priorities: [],
    });
    expect(suggestionId('learned_signal', [{ op: 'set_learned_model', model: model(1), impact: 1 }])).toBe(
      suggestionId('learned_signal', [{ op: 'set_learned_model', model: model(2), impact: 1 }]),
    );
  });
});
