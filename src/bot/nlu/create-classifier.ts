import { extractFeatures, type FeatureConfig } from './extract-features.ts';
import { type Vectorizer, vectorize } from './fit-vectorizer.ts';
import { type LinearModel, scoreLinear, softmaxInPlace } from './linear-model.ts';

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

/** Calibrated probabilities of every model class for a text (in-scope intents first, then "oos" if trained). */
export function classProbabilities(state: ClassifierState, text: string): Float64Array {
  const x = vectorize(state.vectorizer, extractFeatures(text, state.features));
  const p = scoreLinear(state.model, x, new Float64Array(state.model.classes));
  return softmaxInPlace(p, state.temperature);
}

/** Decides intent or out of scope from class probabilities: OOS when "oos" wins or the top falls under the threshold. */
export function decideClassification(state: ClassifierState, p: Float64Array): Classification {
  const n = state.intents.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b]! - p[a]!);
  const top = order[0];
  const oosProbability = state.oosClass ? p[n]! : 0;
  const confidence = top === undefined ? 0 : p[top]!;
  const outOfScope = top === undefined || oosProbability > confidence || confidence < state.threshold;
  return {
    intent: outOfScope ? null : state.intents[top]!,
    confidence,
    ranking: order.slice(0, 5).map((i) => ({ intent: state.intents[i]!, score: p[i]! })),
    outOfScope,
  };
}
