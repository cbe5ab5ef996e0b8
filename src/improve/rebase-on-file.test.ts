import { describe, expect, it } from 'vitest';
import { documentToPack } from '../learning/document-pack.ts';
import type { PackChange, PackDocument } from '../protocol/learning.ts';
import { rebaseOnFile } from './rebase-on-file.ts';

const examples = (n: number) => Array.from({ length: 10 }, (_, i) => `question ${n} number ${i}`);
const file = (intents: string[]): PackDocument => ({
  pack: {
    id: 'shop',
    name: 'Shop',
    teams: [{ id: 'support', name: 'Support', default: true }],
    intents: intents.map((id, n) => ({ id, answer: `About ${id}.`, examples: examples(n) })),
  },
  lexicon: {},
});
const article: PackChange[] = [
  { op: 'add_article', article: { id: 'returns', title: 'Returns', body: 'Thirty days.', tags: [] } },
];
const teach: PackChange[] = [
  { op: 'add_intent_examples', intent: 'delivery', examples: ['where is my parcel'] },
];
const check = (doc: PackDocument) => {
  documentToPack(doc);
};

describe('rebaseOnFile', () => {
  it('re-applies approved changes, oldest first, on the changed file', () => {
    const rebased = rebaseOnFile(
      file(['delivery', 'payment']),
      [
        { version: 2, changes: article },
        { version: 3, changes: teach },
      ],
      check,
    );
    expect(rebased.applied).toEqual([2, 3]);
    expect(rebased.skipped).toEqual([]);
    const pack = documentToPack(rebased.document);
    expect(pack.knowledge.map((a) => a.id)).toEqual(['returns']);
    expect(pack.intents.find((i) => i.id === 'delivery')?.examples).toContain('where is my parcel');
  });

  it('skips with the reason a change whose intent the new file removed, and a direct edit', () => {
    const rebased = rebaseOnFile(
      file(['payment']),
      [
        { version: 2, changes: teach },
        { version: 3, changes: null },
        { version: 4, changes: article },
      ],
      check,
    );
    expect(rebased.applied).toEqual([4]);
    expect(rebased.skipped.map((s) => s.version)).toEqual([2, 3]);
    expect(rebased.skipped[0]!.why).toMatch(/delivery/);
  });

  it('skips a change that leaves a pack that does not validate', () => {
    const invalid: PackChange[] = [{ op: 'add_intent', intent: { id: 'tiny', examples: ['only one'] } }];
    const rebased = rebaseOnFile(file(['payment']), [{ version: 2, changes: invalid }], check);
    expect(rebased).toMatchObject({ applied: [], skipped: [{ version: 2 }] });
    expect(rebased.document).toEqual(file(['payment']));
  });
});
