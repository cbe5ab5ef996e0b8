import { chooseOosThreshold, type ThresholdChoice } from './choose-oos-threshold.ts';
import { rawScores } from './create-classifier.ts';
import { fitTemperature } from './fit-temperature.ts';
import { scoredForThreshold } from './scored-for-threshold.ts';
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
