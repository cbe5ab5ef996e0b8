import {
  type Classification,
  type ClassifierState,
  classProbabilities,
  decideClassification,
} from './create-classifier.ts';
import { defaultFeatureConfig, extractFeatures } from './extract-features.ts';
import { fitSoftmax } from './fit-softmax.ts';
import { fitVectorizer, vectorize, vectorWidth } from './fit-vectorizer.ts';
import { seededRandom } from './seeded-random.ts';
import { deserializeClassifier, serializeClassifier } from './serialize-classifier.ts';

export type { Classification } from './create-classifier.ts';

/** One labelled training message. */
export type TrainingExample = { text: string; intent: string };

/** Training knobs; all optional. `oosExamples` become a trained "out of scope" class. */
export type TrainOptions = {
  oosExamples?: string[];
  oosThreshold?: number;
  onProgress?: (fraction: number) => void;
  seed?: number;
};

/** A trained classifier: classify a message, or save it as JSON. */
export type IntentClassifier = {
  intents: string[];
  classify: (text: string) => Classification;
  /** plain JSON that `loadClassifier` turns back into the same classifier (used to cache a trained pack) */
  toJSON: () => unknown;
};

/** Below this calibrated confidence a message is out of scope. */
export const defaultOosThreshold = 0.5;

/** Trains an intent classifier from examples, deterministically for a given seed. */
export function trainClassifier(examples: TrainingExample[], options: TrainOptions = {}): IntentClassifier {
  const intents = [...new Set(examples.map((e) => e.intent))];
  if (intents.length === 0) throw new Error('trainClassifier needs at least one example');
  const oosTexts = options.oosExamples ?? [];
  const classOf = new Map(intents.map((intent, i) => [intent, i]));
  const texts = [...examples.map((e) => e.text), ...oosTexts];
  const labels = Int32Array.from([
    ...examples.map((e) => classOf.get(e.intent)!),
    ...oosTexts.map(() => intents.length),
  ]);
  const features = defaultFeatureConfig;
  const counts = texts.map((t) => extractFeatures(t, features));
  const vectorizer = fitVectorizer(counts, { minDf: 1, charWeight: 0.5 });
  const xs = counts.map((c) => vectorize(vectorizer, c));
  const classes = intents.length + (oosTexts.length > 0 ? 1 : 0);
  const model = fitSoftmax(xs, labels, classes, vectorWidth(vectorizer), {
    epochs: 10,
    learningRate: 0.5,
    lambda: 1e-5,
    random: seededRandom(options.seed ?? 1),
    onProgress: options.onProgress,
  });
  return createClassifier({
    intents,
    oosClass: oosTexts.length > 0,
    features,
    vectorizer,
    model,
    temperature: 1,
    threshold: options.oosThreshold ?? defaultOosThreshold,
  });
}

/** Turns JSON from `classifier.toJSON()` back into the same classifier. */
export function loadClassifier(json: unknown): IntentClassifier {
  return createClassifier(deserializeClassifier(json));
}

/** Returns the same classifier with another out-of-scope threshold (e.g. one chosen on validation data). */
export function withOosThreshold(classifier: IntentClassifier, threshold: number): IntentClassifier {
  const state = states.get(classifier);
  if (!state)
    throw new Error('withOosThreshold needs a classifier made by trainClassifier or loadClassifier');
  return createClassifier({ ...state, threshold });
}

const states = new WeakMap<IntentClassifier, ClassifierState>();

/** Wraps a classifier state in the `IntentClassifier` interface. */
export function createClassifier(state: ClassifierState): IntentClassifier {
  const classifier: IntentClassifier = {
    intents: state.intents,
    classify: (text) => decideClassification(state, classProbabilities(state, text)),
    toJSON: () => serializeClassifier(state),
  };
  states.set(classifier, state);
  return classifier;
}
