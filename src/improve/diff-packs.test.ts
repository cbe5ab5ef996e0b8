import { describe, expect, it } from 'vitest';
import { diffDocuments, diffPacks } from './diff-packs.ts';

describe('diffPacks', () => {
  it.each([
    { name: 'nothing changed', before: { a: 1 }, after: { a: 1 }, diff: [] },
    {
      name: 'an example added to an intent, by id',
      before: {
        intents: [
          { id: 'x', examples: ['a', 'b'] },
          { id: 'y', examples: [] },
        ],
      },
      after: {
        intents: [
          { id: 'y', examples: [] },
          { id: 'x', examples: ['a', 'b', 'c'] },
        ],
      },
      diff: [{ path: 'intents[x].examples', kind: 'added', after: 'c' }],
    },
    {
      name: 'an article added and one removed',
      before: { knowledge: [{ id: 'old', title: 'T' }] },
      after: { knowledge: [{ id: 'new', title: 'N' }] },
      diff: [
        { path: 'knowledge[old]', kind: 'removed', before: { id: 'old', title: 'T' } },
        { path: 'knowledge[new]', kind: 'added', after: { id: 'new', title: 'N' } },
      ],
    },
    {
      name: 'a threshold changed',
      before: { policy: { thresholds: { offer: 0.4, handoff: 0.6 } } },
      after: { policy: { thresholds: { offer: 0.4, handoff: 0.7 } } },
      diff: [{ path: 'policy.thresholds.handoff', kind: 'changed', before: 0.6, after: 0.7 }],
    },
    {
      name: 'a lexicon set created',
      before: { lexicon: {} },
      after: { lexicon: { refund: ['refund*'] } },
      diff: [{ path: 'lexicon.refund', kind: 'added', after: ['refund*'] }],
    },
  ])('$name', ({ before, after, diff }) => {
    expect(diffPacks(before, after)).toEqual(diff);
  });
});

describe('diffDocuments', () => {
  it('names the pack paths without a prefix and the lexicon sets under lexicon', () => {
    expect(
      diffDocuments(
        { pack: { knowledge: [] }, lexicon: {} },
        { pack: { knowledge: [{ id: 'a' }] }, lexicon: { s: ['x'] } },
      ),
    ).toEqual([
      { path: 'knowledge[a]', kind: 'added', after: { id: 'a' } },
      { path: 'lexicon.s', kind: 'added', after: ['x'] },
    ]);
  });
});
