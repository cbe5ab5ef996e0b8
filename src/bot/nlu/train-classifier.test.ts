import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateClassifier } from './calibrate-classifier.ts';
import { loadClinc150 } from './load-datasets.ts';
import {
  classifierState,
  loadClassifier,
  type TrainingExample,
  trainClassifier,
} from './train-classifier.ts';

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

/** A demo-sized pack: 20 intents x 12 examples built from templates. */
function demoPack(): TrainingExample[] {
  const topics = 'invoice parcel password refund coupon address delivery subscription warranty receipt'.split(
    ' ',
  );
  const actions = ['cancel', 'check'];
  const templates = [
    'i want to {a} my {t}',
    'how do i {a} the {t}',
    'please {a} {t}',
    'can you {a} my {t} now',
  ];
  const extras = ['', ' today', ' please'];
  return topics.flatMap((t) =>
    actions.flatMap((a) =>
      templates.flatMap((template) =>
        extras.map((extra) => ({
          text: template.replace('{a}', a).replace('{t}', t) + extra,
          intent: `${a}_${t}`,
        })),
      ),
    ),
  );
}

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
    const { ranking } = trainClassifier(demoPack()).classify('cancel my coupon');
    expect(ranking).toHaveLength(5);
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

  it.each([
    ['another object', () => ({ hello: 1 })],
    [
      'truncated weights',
      (json: Record<string, unknown>) => ({ ...json, model: { ...(json.model as object), weights: 'AAA=' } }),
    ],
    ['a wrong class count', (json: Record<string, unknown>) => ({ ...json, intents: ['a'] })],
  ])('rejects %s with a clear error', (_, corrupt) => {
    const json = classifier.toJSON() as Record<string, unknown>;
    expect(() => loadClassifier(corrupt(json))).toThrow(/not a Baton intent classifier/);
  });

  it('trains a demo pack in well under a second and says "out of scope" for unrelated text', () => {
    const pack = demoPack();
    trainClassifier(pack); // warm the JIT, as a long-running server would be
    // CPU time, not wall time: the test machine may be shared
    const start = process.cpuUsage();
    const demo = trainClassifier(pack, { onProgress: () => {} });
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(500);
    expect(demo.intents).toHaveLength(20);
    expect(demo.classify('please cancel my subscription').intent).toBe('cancel_subscription');
    for (const text of ['what is the weather in paris', 'tell me a joke', 'zzzz qqqq']) {
      expect(demo.classify(text)).toMatchObject({ intent: null, outOfScope: true });
    }
  });

  it.each([
    ['nbsvm', 'tfidf'],
    ['svm', 'binary'],
    ['svm', 'binary-idf'],
  ] as const)(
    'trains with engine %s and %s weighting, and survives a JSON round trip',
    (engine, weighting) => {
      const other = trainClassifier(demoPack(), { engine, weighting });
      expect(other.classify('please cancel my subscription').intent).toBe('cancel_subscription');
      const reloaded = loadClassifier(JSON.parse(JSON.stringify(other.toJSON())));
      for (const text of ['check the invoice', 'zzzz qqqq']) {
        expect(reloaded.classify(text)).toEqual(other.classify(text));
      }
    },
  );

  it('loads a cached model written before feature weighting was an option as tf-idf', () => {
    const json = classifier.toJSON() as { vectorizer: Record<string, unknown> };
    const { weighting, ...older } = json.vectorizer;
    expect(weighting).toBe('tfidf');
    const reloaded = loadClassifier({ ...json, vectorizer: older });
    expect(reloaded.classify('where is my order')).toEqual(classifier.classify('where is my order'));
  });

  it('learns an "oos" class from out-of-scope examples without ranking it', () => {
    const oosExamples = ['what is the weather', 'tell me a joke', 'who won the game', 'sing a song'];
    const withOos = trainClassifier(examples, { oosExamples, oosThreshold: 0 });
    expect(withOos.classify('tell me a funny joke')).toMatchObject({ intent: null, outOfScope: true });
    expect(withOos.classify('refund my purchase')).toMatchObject({ intent: 'refund', outOfScope: false });
    expect(withOos.classify('refund').ranking.map((r) => r.intent)).not.toContain('oos');
  });

  it('reports training progress up to 1', () => {
    const seen: number[] = [];
    trainClassifier(examples, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]!))).toBe(true);
  });
});

describe('calibrateClassifier', () => {
  it('picks the threshold that keeps the out-of-scope recall target on held-out data', () => {
    const pack = demoPack();
    const heldOut = pack.filter((_, i) => i % 4 === 0);
    const trained = trainClassifier(pack.filter((_, i) => i % 4 !== 0));
    const oos = ['what is the weather', 'tell me a joke', 'cancel my flight', 'check the score'];
    const { classifier, choice } = calibrateClassifier(trained, heldOut, oos, 0.75);
    expect(choice.oosRecall).toBeGreaterThanOrEqual(0.75);
    expect(classifierState(classifier).threshold).toBe(choice.threshold);
  });
});

const clincPath = '/work/shared/data/clinc150/data_full.json';

describe.skipIf(!existsSync(clincPath))('CLINC150, 10 intents', () => {
  it('classifies the val messages of 10 intents trained on their train messages', async () => {
    const data = await loadClinc150(clincPath);
    const intents = new Set([...new Set(data.train.map((e) => e.intent))].slice(0, 10));
    const classifier = trainClassifier(data.train.filter((e) => intents.has(e.intent)));
    const val = data.val.filter((e) => intents.has(e.intent));
    const correct = val.filter((e) => classifier.classify(e.text).intent === e.intent).length;
    expect(val).toHaveLength(200);
    expect(correct / val.length).toBeGreaterThan(0.93);
  });
});
