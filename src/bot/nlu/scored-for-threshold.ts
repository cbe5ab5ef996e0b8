import type { ScoredMessage } from './choose-oos-threshold.ts';
import type { ClassifierState } from './create-classifier.ts';
import { softmaxInPlace } from './linear-model.ts';

/** Turns held-out raw scores and true classes into what a threshold sweep needs, under the state's temperature. */
export function scoredForThreshold(
  state: Pick<ClassifierState, 'intents' | 'oosClass' | 'temperature'>,
  scores: Float64Array[],
  labels: ArrayLike<number>,
): ScoredMessage[] {
  const n = state.intents.length;
  return scores.map((raw, i) => {
    const p = softmaxInPlace(Float64Array.from(raw), state.temperature);
    let top = 0;
    for (let c = 1; c < n; c++) if (p[c]! > p[top]!) top = c;
    return {
      confidence: p[top]!,
      oosWins: state.oosClass && p[n]! > p[top]!,
      correct: top === labels[i],
    };
  });
}
