import { chooseOosThreshold, scoredForThreshold, type ThresholdChoice } from './choose-oos-threshold.ts';
import { rawScores } from './create-classifier.ts';
import { fitTemperature } from './fit-temperature.ts';
import type { LabelledText } from './load-datasets.ts';
import {
  classifierState,
  createClassifier,
  type IntentClassifier,
  type TrainingExample,
} from './train-classifier.ts';

/** A classifier recalibrated on held-out data, with what the threshold sweep found there. */
export type Calibrated = { classifier: IntentClassifier; temperature: number; choice: ThresholdChoice };

/**
 * Recalibrates a trained classifier on held-out data: fits the softmax temperature, then picks the
 * out-of-scope threshold with the best in-scope accuracy that keeps `targetOosRecall` on `oos`.
 */
export function calibrateClassifier(
  classifier: IntentClassifier,
  inScope: TrainingExample[],
  oos: string[],
  targetOosRecall: number,
): Calibrated {
  const state = classifierState(classifier);
  const classOf = new Map(state.intents.map((intent, i) => [intent, i]));
  const known = inScope.filter((e) => classOf.has(e.intent));
  const labels = known.map((e) => classOf.get(e.intent)!);
  const scores = known.map((e) => rawScores(state, e.text));
  const oosScores = oos.map((text) => rawScores(state, text));
  const oosLabel = state.intents.length;
  const temperature = state.oosClass
    ? fitTemperature({ scores: [...scores, ...oosScores], labels: [...labels, ...oos.map(() => oosLabel)] })
    : fitTemperature({ scores, labels });
  const calibrated = { ...state, temperature };
  const choice = chooseOosThreshold(
    scoredForThreshold(calibrated, scores, labels),
    scoredForThreshold(
      calibrated,
      oosScores,
      oos.map(() => -1),
    ),
    targetOosRecall,
  );
  return {
    classifier: createClassifier({ ...calibrated, threshold: choice.threshold }),
    temperature,
    choice,
  };
}

/** Accuracy and out-of-scope figures of a classifier on labelled data (rates are fractions 0..1). */
export type IntentScores = {
  inScopeAccuracy: number;
  oosRecall: number;
  oosPrecision: number;
  /** in-scope messages wrongly called out of scope */
  inScopeRejected: number;
};

/** Scores a classifier: in-scope messages must get their intent, out-of-scope ones must be flagged. */
export function measureIntents(
  classifier: IntentClassifier,
  inScope: LabelledText[],
  oos: string[],
): IntentScores {
  let correct = 0;
  let rejected = 0;
  for (const m of inScope) {
    const c = classifier.classify(m.text);
    if (c.intent === m.intent) correct++;
    if (c.outOfScope) rejected++;
  }
  const caught = oos.filter((text) => classifier.classify(text).outOfScope).length;
  const flagged = caught + rejected;
  return {
    inScopeAccuracy: inScope.length === 0 ? 0 : correct / inScope.length,
    oosRecall: oos.length === 0 ? 0 : caught / oos.length,
    oosPrecision: flagged === 0 ? 0 : caught / flagged,
    inScopeRejected: inScope.length === 0 ? 0 : rejected / inScope.length,
  };
}
