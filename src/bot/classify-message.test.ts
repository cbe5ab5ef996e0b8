import { describe, expect, it } from 'vitest';
import { packSchema } from '../protocol/pack.ts';
import { classifyMessage } from './classify-message.ts';
import type { LoadedPack } from './load-packs.ts';
import type { Classification } from './nlu/train-classifier.ts';

const examples = Array.from({ length: 10 }, (_, i) => `example ${i}`);
const pack = packSchema.parse({
  id: 'shop',
  name: 'Shop',
  intents: [
    { id: 'order_status', examples, tool: { id: 'orders' } },
    { id: 'returns', examples, answer: 'Returns take 30 days.' },
    { id: 'human', examples, patterns: ['^\\W*agent\\W*$'] },
  ],
  tools: [{ id: 'orders', kind: 'static', key: 'order_id', data: {} }],
  teams: [{ id: 'support', name: 'Support', default: true }],
});

/** A LoadedPack whose classifier always answers `result`. */
function withModel(result: Classification): LoadedPack {
  return {
    pack,
    intents: new Map(pack.intents.map((i) => [i.id, i])),
    tools: new Map(pack.tools.map((t) => [t.id, t])),
    patterns: [{ intent: 'human', regex: /^\W*agent\W*$/i }],
    classifier: { intents: [], classify: () => result, toJSON: () => ({}) },
  } as unknown as LoadedPack;
}

const unsure: Classification = {
  intent: null,
  confidence: 0.3,
  ranking: [
    { intent: 'order_status', score: 0.3 },
    { intent: 'returns', score: 0.2 },
  ],
  outOfScope: true,
};
const orderId = [{ type: 'order_id', value: 'A1', text: 'A1' }];

describe('classifyMessage', () => {
  it('keeps a sure model answer', () => {
    const sure = { ...unsure, intent: 'returns', confidence: 0.9, outOfScope: false };
    expect(classifyMessage(withModel(sure), 'can I return it', orderId)).toMatchObject({
      intent: 'returns',
      intentSource: 'model',
    });
  });

  it('lets a pattern win with confidence 1', () => {
    const result = classifyMessage(withModel(unsure), 'AGENT!', []);
    expect(result).toMatchObject({
      intent: 'human',
      confidence: 1,
      outOfScope: false,
      intentSource: 'pattern',
    });
    expect(result.ranking[0]).toEqual({ intent: 'human', score: 1 });
  });

  it("takes the unsure model's top intent when the message holds its lookup key", () => {
    expect(classifyMessage(withModel(unsure), 'A1?', orderId)).toMatchObject({
      intent: 'order_status',
      confidence: 0.3,
      outOfScope: false,
      intentSource: 'entity',
    });
  });

  it('stays out of scope without the key', () => {
    expect(classifyMessage(withModel(unsure), 'hmm', [])).toMatchObject({
      intent: null,
      intentSource: 'model',
    });
  });

  it('resumes the intent that asked for the key', () => {
    const returnsFirst = { ...unsure, ranking: [...unsure.ranking].reverse() };
    const awaiting = { intent: 'order_status', entity: 'order_id' };
    expect(classifyMessage(withModel(returnsFirst), 'A1', orderId, awaiting)).toMatchObject({
      intent: 'order_status',
      confidence: 0.3,
      intentSource: 'entity',
    });
  });
});
