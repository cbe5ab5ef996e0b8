import { extractFeatures, type FeatureConfig } from './extract-features.ts';
import { type LinearModel, scoreLinear, softmaxInPlace } from './fit-linear-svm.ts';
import { type Vectorizer, vectorize } from './fit-vectorizer.ts';

/** Everything a trained classifier is made of; plain data apart from typed arrays. */
export type ClassifierState = {
  intents: string[];
  /** whether the model's last class is a trained "out of scope" class */
  oosClass: boolean;
  features: FeatureConfig;
  vectorizer: Vectorizer;
  model: LinearModel;
  temperature: number;
  threshold: number;
};

/** The outcome of classifying one message. */
export type Classification = {
  intent: string | null;
  confidence: number;
  ranking: { intent: string; score: number }[];
  outOfScope: boolean;
};

/** Raw linear scores of every model class for a text (in-scope intents first, then "oos" if trained). */
export function rawScores(state: Pick<ClassifierState, 'features' | 'vectorizer' | 'model'>, text: string) {
  const x = vectorize(state.vectorizer, extractFeatures(text, state.features));
  return scoreLinear(state.model, x, new Float64Array(state.model.classes));
}

/** Decides intent or out of scope from raw scores: OOS when "oos" wins or the top falls under the threshold. */
export function decideClassification(state: ClassifierState, scores: Float64Array): Classification {
  const p = softmaxInPlace(scores, state.temperature);
  const n = state.intents.length;
  const top = topIndices(p, n, 5);
  const best = top[0]!;
  const confidence = p[best]!;
  const oosWins = state.oosClass && p[n]! > confidence;
  const outOfScope = oosWins || confidence < state.threshold;
  return {
    intent: outOfScope ? null : state.intents[best]!,
    confidence,
    ranking: top.map((i) => ({ intent: state.intents[i]!, score: p[i]! })),
    outOfScope,
  };
}

/** Indices of the `k` largest of the first `n` values, descending (ties keep the lower index first). */
export function topIndices(values: Float64Array, n: number, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    if (top.length === k && values[i]! <= values[top[k - 1]!]!) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && values[top[at - 1]!]! < values[i]!) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = i;
  }
  return top;
}
