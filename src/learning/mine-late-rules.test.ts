import { beforeAll, describe, expect, it } from 'vitest';
import { preparePack } from '../bot/load-packs.ts';
import type { LabelledConversation, PackDocument, PreparedConversation } from '../protocol/learning.ts';
import { applyChanges } from './apply-changes.ts';
import { documentToPack } from './document-pack.ts';
import { readPackDocument } from './pack-document-files.ts';
import { prepareHistory } from './prepare-history.ts';
import { suggest } from './suggest.ts';

// A rule that sees the problem at the first turn but hands off only at the second; the agents said a person
// should have come at the first. The learning run proposes a higher impact for it, kept for coming on time.

let doc: PackDocument;
let history: PreparedConversation[];

const late = (i: number): LabelledConversation => ({
  id: `late-${i}`,
  pack: 'carrental',
  turns: [{ text: `question ${i} about the toll bridge` }, { text: 'I got a toll bridge fine in the post' }],
  expect: { handoff: true, turn: 1, tolerance: 0, team: 'billing' },
});
const fine = (i: number): LabelledConversation => ({
  id: `fine-${i}`,
  pack: 'carrental',
  turns: [{ text: 'where do I pick up the car' }, { text: 'thanks, that helps' }],
  expect: { handoff: false },
});

beforeAll(async () => {
  const file = await readPackDocument(
    new URL('../../test/learning/car-rental/pack', import.meta.url).pathname,
  );
  doc = applyChanges(file, [
    {
      op: 'put_risk',
      risk: {
        id: 'tolls',
        label: 'Toll fines',
        cues: [
          { any: ['toll bridge'], weight: 0.5 },
          { any: ['toll bridge fine'], weight: 1 },
        ],
      },
    },
    {
      op: 'put_rule',
      rule: {
        id: 'tolls',
        label: 'Toll fines',
        when: { signal: 'risk:tolls' },
        impact: 0.7,
        team: 'billing',
      },
    },
  ]);
  const loaded = await preparePack(documentToPack(doc));
  history = await prepareHistory(loaded, [
    ...Array.from({ length: 6 }, (_, i) => late(i)),
    ...Array.from({ length: 6 }, (_, i) => fine(i)),
  ]);
}, 180_000);

describe('late handoffs', () => {
  it('raise the impact of the rule that came late, just enough to offer a person at the labelled turn', () => {
    const [raise] = suggest(doc, history, { folds: 3, kinds: ['policy_threshold'] });
    expect(raise).toMatchObject({
      kind: 'policy_threshold',
      change: [{ op: 'set_rule_impact', rule: 'tolls', impact: 0.8 }],
      evidence: { counts: { late: 6, likelihoodEarlier: 0.5, impact: 0.7 } },
    });
    expect(raise!.title).toMatch(/should have come earlier/);
    expect(raise!.effect.before!.onTime).toBe(0);
    expect(raise!.effect.after!.onTime).toBe(1);
    expect(raise!.effect.after!.needless).toBe(0);
  });

  it('are not raised when the handoffs came on time', () => {
    const onTime = history.map((p) =>
      p.conversation.expect.handoff
        ? { ...p, conversation: { ...p.conversation, expect: { ...p.conversation.expect, turn: 2 } } }
        : p,
    );
    expect(suggest(doc, onTime, { folds: 3, kinds: ['policy_threshold'] })).toEqual([]);
  });
});
