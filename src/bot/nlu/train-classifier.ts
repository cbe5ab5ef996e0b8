import {
  type Classification,
  type ClassifierState,
  decideClassification,
  rawScores,
} from './create-classifier.ts';
import { outOfFoldScores } from './cross-validate.ts';
import { defaultFeatureConfig, extractFeatures } from './extract-features.ts';
import { fitLinearSvm } from './fit-linear-svm.ts';
import { fitNbSvm } from './fit-nb-svm.ts';
import { fitTemperature } from './fit-temperature.ts';
import { type FeatureWeighting, fitVectorizer, vectorize, vectorWidth } from './fit-vectorizer.ts';
import { seededRandom } from './seeded-random.ts';
import { deserializeClassifier, serializeClassifier } from './serialize-classifier.ts';

export type { Classification } from './create-classifier.ts';

/** One labelled training message. */
export type TrainingExample = { text: string; intent: string };

/** Training knobs; all optional. `oosExamples` become a trained "out of scope" class. */
export type TrainOptions = {
  oosExamples?: string[];
  /** calibrated confidence under which a message is out of scope (default `defaultOosThreshold`) */
  oosThreshold?: number;
  onProgress?: (fraction: number) => void;
  seed?: number;
  /** folds of cross-validation that fit the softmax temperature; default 3 up to 5,000 examples, else none */
  calibrationFolds?: number;
  /** which linear model is trained (default `defaultEngine`); see docs/nlu.md for how they compare */
  engine?: Engine;
  /** how n-gram counts become feature values (default `'tfidf'`) */
  weighting?: FeatureWeighting;
};

/**
 * `svm`: one-vs-rest linear SVM. `nbsvm`: the same on features scaled per class by naive-Bayes
 * log-count ratios (Wang & Manning 2012); it trains in the same time and scores at the same cost.
 */
export type Engine = 'svm' | 'nbsvm';

/** The engine packs train with when they do not ask for one. */
export const defaultEngine: Engine = 'svm';

/** NB-SVM settings: the best of those tried on CLINC150 val (still below the plain SVM there). */
export const nbSvmSettings = { cost: 0.5, alpha: 5, beta: 1 };

/** A trained classifier: classify a message, or save it as JSON. */
export type IntentClassifier = {
  intents: string[];
  classify: (text: string) => Classification;
  /** plain JSON that `loadClassifier` turns back into the same classifier (used to cache a trained pack) */
  toJSON: () => unknown;
};

/** Below this calibrated confidence a message is out of scope: the top intent is more likely wrong than right. */
export const defaultOosThreshold = 0.5;

/** Softmax temperature when there is no cross-validation to fit one (fitted on CLINC150 val). */
export const defaultTemperature = 0.14;

/** SVM and vectorizer settings chosen on the CLINC150 and BANKING77 validation splits. */
export const modelSettings = { cost: 2, tolerance: 0.1, maxEpochs: 10, charWeight: 0.5, minDf: 1 };

/** Trains an intent classifier from examples, deterministically for a given seed. */
export function trainClassifier(examples: TrainingExample[], options: TrainOptions = {}): IntentClassifier {
  const intents = [...new Set(examples.map((e) => e.intent))];
  if (intents.length === 0) throw new Error('trainClassifier needs at least one example');
  const oosTexts = options.oosExamples ?? [];
  const classOf = new Map(intents.map((intent, i) => [intent, i]));
  const texts = [...examples.map((e) => e.text), ...oosTexts];
  const ys = Int32Array.from([
    ...examples.map((e) => classOf.get(e.intent)!),
    ...oosTexts.map(() => intents.length),
  ]);
  const features = defaultFeatureConfig;
  const vectorizer = fitVectorizer(
    (function* () {
      for (const text of texts) yield extractFeatures(text, features);
    })(),
    { ...modelSettings, weighting: options.weighting ?? 'tfidf' },
  );
  const xs = texts.map((text) => vectorize(vectorizer, extractFeatures(text, features)));
  const classes = intents.length + (oosTexts.length > 0 ? 1 : 0);
  const folds = options.calibrationFolds ?? (examples.length <= 5000 ? 3 : 0);
  const random = seededRandom(options.seed ?? 1);
  let fitted = 0;
  const engine = options.engine ?? defaultEngine;
  const trainSvm = (rows: typeof xs, labels: Int32Array) => {
    const svmOptions = {
      ...modelSettings,
      random,
      onProgress: (f: number) => options.onProgress?.((fitted + f) / (folds + 1)),
    };
    const model =
      engine === 'nbsvm'
        ? fitNbSvm(rows, labels, classes, vectorWidth(vectorizer), { ...svmOptions, ...nbSvmSettings })
        : fitLinearSvm(rows, labels, classes, vectorWidth(vectorizer), svmOptions);
    fitted++;
    return model;
  };
  const state: ClassifierState = {
    intents,
    oosClass: oosTexts.length > 0,
    features,
    vectorizer,
    model: trainSvm(xs, ys),
    temperature: defaultTemperature,
    threshold: options.oosThreshold ?? defaultOosThreshold,
  };
  if (folds >= 2) {
    const scores = outOfFoldScores(xs, ys, folds, trainSvm, random);
    state.temperature = fitTemperature({ scores, labels: ys });
  }
  options.onProgress?.(1);
  return createClassifier(state);
}

/** Turns JSON from `classifier.toJSON()` back into the same classifier. */
export function loadClassifier(json: unknown): IntentClassifier {
  return createClassifier(deserializeClassifier(json));
}

const states = new WeakMap<IntentClassifier, ClassifierState>();

/** The state behind a classifier made here, for calibration on held-out data. */
export function classifierState(classifier: IntentClassifier): ClassifierState {
  const state = states.get(classifier);
  if (!state) throw new Error('expected a classifier made by trainClassifier or loadClassifier');
  return state;
}

/** Wraps a classifier state in the `IntentClassifier` interface. */
export function createClassifier(state: ClassifierState): IntentClassifier {
  const classifier: IntentClassifier = {
    intents: state.intents,
    classify: (text) => decideClassification(state, rawScores(state, text)),
    toJSON: () => serializeClassifier(state),
  };
  states.set(classifier, state);
  return classifier;
}
