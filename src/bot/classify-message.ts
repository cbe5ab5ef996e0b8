import type { LoadedPack } from './load-packs.ts';
import type { Classification } from './nlu/train-classifier.ts';

/** Intent, confidence, ranking and out-of-scope for one message; a pack pattern selects its intent outright. */
export function classifyMessage(pack: LoadedPack, text: string): Classification & { byPattern: boolean } {
  const model = pack.classifier.classify(text);
  const hit = pack.patterns.find((p) => p.regex.test(text));
  if (!hit) return { ...model, byPattern: false };
  return {
    intent: hit.intent,
    confidence: 1,
    ranking: [
      { intent: hit.intent, score: 1 },
      ...model.ranking.filter((r) => r.intent !== hit.intent),
    ].slice(0, 5),
    outOfScope: false,
    byPattern: true,
  };
}
