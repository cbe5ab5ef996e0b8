import { describe, expect, it } from 'vitest';
import { loadClassifier, type TrainingExample, trainClassifier } from './train-classifier.ts';

const examples: TrainingExample[] = [
  ...['where is my order', 'track my package', 'has my parcel shipped', 'when will my order arrive'].map(
    (text) => ({
      text,
      intent: 'track_order',
    }),
  ),
  ...['i want a refund', 'give me my money back', 'refund my purchase', 'can i get a refund'].map((text) => ({
    text,
    intent: 'refund',
  })),
  ...['reset my password', 'i forgot my password', 'cannot log in', 'change my password'].map((text) => ({
    text,
    intent: 'password',
  })),
];

describe('trainClassifier', () => {
  const classifier = trainClassifier(examples, { seed: 7 });

  it.each([
    ['where is my parcel', 'track_order'],
    ['i would like a refund please', 'refund'],
    ['I forgot my password!', 'password'],
  ])('classifies %j as %s', (text, intent) => {
    const c = classifier.classify(text);
    expect(c.ranking[0]?.intent).toBe(intent);
    expect(c.confidence).toBeGreaterThan(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });

  it('ranks at most five intents in descending order', () => {
    const { ranking } = classifier.classify('refund');
    expect(ranking.length).toBe(3);
    expect(ranking.map((r) => r.score)).toEqual([...ranking.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('is deterministic for a seed and survives a JSON round trip', () => {
    const again = trainClassifier(examples, { seed: 7 });
    const reloaded = loadClassifier(JSON.parse(JSON.stringify(classifier.toJSON())));
    for (const text of ['where is my order', 'xyzzy', 'refund please']) {
      expect(again.classify(text)).toEqual(classifier.classify(text));
      expect(reloaded.classify(text)).toEqual(classifier.classify(text));
    }
  });

  it('rejects JSON that is not a classifier', () => {
    expect(() => loadClassifier({ hello: 1 })).toThrow(/not a Baton intent classifier/);
  });
});
