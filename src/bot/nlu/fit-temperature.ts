import { softmaxInPlace } from './fit-linear-svm.ts';

/** Scores of held-out messages with their true class, for calibration. */
export type HeldOutScores = { scores: Float64Array[]; labels: ArrayLike<number> };

/** Mean negative log-likelihood of the true classes under softmax(scores / temperature). */
export function softmaxLoss({ scores, labels }: HeldOutScores, temperature: number): number {
  let loss = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = softmaxInPlace(Float64Array.from(scores[i]!), temperature);
    loss -= Math.log(Math.max(p[labels[i]!]!, 1e-12));
  }
  return scores.length === 0 ? 0 : loss / scores.length;
}

/**
 * Temperature scaling: the softmax temperature that minimises held-out log-loss (golden-section on log T).
 * The floor matters when the held-out messages are all classified right by a wide margin: log-loss then
 * keeps falling as T goes to 0, and every message, gibberish included, would get a confidence near 1.
 */
export function fitTemperature(heldOut: HeldOutScores, min = 0.05, max = 10): number {
  if (heldOut.scores.length === 0) return 1;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(min);
  let hi = Math.log(max);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = softmaxLoss(heldOut, Math.exp(a));
  let fb = softmaxLoss(heldOut, Math.exp(b));
  for (let iteration = 0; iteration < 40; iteration++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = softmaxLoss(heldOut, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = softmaxLoss(heldOut, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
