import type { ClassifierState } from './create-classifier.ts';
import { softmaxInPlace } from './fit-linear-svm.ts';

/** One validation message as seen by the threshold: its top confidence and whether it would be accepted. */
export type ScoredMessage = {
  confidence: number;
  /** the trained "oos" class beat every intent, so no threshold can accept it */
  oosWins: boolean;
  /** the top intent is the right one (always false for out-of-scope messages) */
  correct: boolean;
};

/** The result of a threshold sweep on validation data. */
export type ThresholdChoice = { threshold: number; inScopeAccuracy: number; oosRecall: number };

/**
 * Picks the confidence threshold that maximises in-scope accuracy while out-of-scope recall stays at or
 * above `targetRecall`; when no threshold reaches the target, the one with the best recall.
 */
export function chooseOosThreshold(
  inScope: ScoredMessage[],
  oos: ScoredMessage[],
  targetRecall: number,
): ThresholdChoice {
  // A message is accepted when confidence >= threshold, so each confidence is a candidate (it rejects
  // everything below it), plus one just above the highest (it rejects everything).
  const confidences = [...inScope, ...oos].map((m) => m.confidence);
  const highest = Math.min(1, Math.max(0, ...confidences) + 1e-9);
  const candidates = [...new Set([0, ...confidences, highest])].sort((a, b) => a - b);
  let best: ThresholdChoice | undefined;
  let fallback: ThresholdChoice | undefined;
  for (const threshold of candidates) {
    const choice = measureThreshold(inScope, oos, threshold);
    if (choice.oosRecall >= targetRecall) {
      if (!best || choice.inScopeAccuracy > best.inScopeAccuracy) best = choice;
    } else if (!fallback || choice.oosRecall > fallback.oosRecall) fallback = choice;
  }
  return best ?? fallback!;
}

/** In-scope accuracy and out-of-scope recall of one threshold. */
export function measureThreshold(
  inScope: ScoredMessage[],
  oos: ScoredMessage[],
  threshold: number,
): ThresholdChoice {
  const accepted = (m: ScoredMessage) => !m.oosWins && m.confidence >= threshold;
  const correct = inScope.filter((m) => m.correct && accepted(m)).length;
  const caught = oos.filter((m) => !accepted(m)).length;
  return {
    threshold,
    inScopeAccuracy: inScope.length === 0 ? 0 : correct / inScope.length,
    oosRecall: oos.length === 0 ? 1 : caught / oos.length,
  };
}

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
