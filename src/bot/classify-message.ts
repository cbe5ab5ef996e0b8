import type { Entity } from '../protocol/bot-turn.ts';
import type { LoadedPack } from './load-packs.ts';
import type { Classification } from './nlu/train-classifier.ts';

/** Where the intent came from: the model, a pack pattern, or the model's top guess backed by its lookup key. */
export type IntentSource = 'model' | 'pattern' | 'entity';

/**
 * Intent, confidence, ranking and out-of-scope for one message. A pack pattern selects its intent outright.
 * When the model is unsure but the message holds the key the bot asked for last turn, the asking intent is
 * taken; failing that, when the model's top intent looks something up by an entity the message holds
 * ("has C7012 arrived?" with an order id), that intent is taken.
 */
export function classifyMessage(
  pack: LoadedPack,
  text: string,
  entities: readonly Entity[],
  awaiting: { intent: string; entity: string } | null = null,
): Classification & { intentSource: IntentSource } {
  const model = pack.classifier.classify(text);
  const hit = pack.patterns.find((p) => p.regex.test(text));
  if (hit) {
    return {
      intent: hit.intent,
      confidence: 1,
      ranking: [
        { intent: hit.intent, score: 1 },
        ...model.ranking.filter((r) => r.intent !== hit.intent),
      ].slice(0, 5),
      outOfScope: false,
      intentSource: 'pattern',
    };
  }
  const sure =
    model.intent !== null && !model.outOfScope && model.confidence >= pack.pack.settings.minConfidence;
  if (
    !sure &&
    awaiting &&
    pack.intents.has(awaiting.intent) &&
    entities.some((e) => e.type === awaiting.entity)
  ) {
    const score = model.ranking.find((r) => r.intent === awaiting.intent)?.score ?? model.confidence;
    return {
      ...model,
      intent: awaiting.intent,
      confidence: score,
      outOfScope: false,
      intentSource: 'entity',
    };
  }
  const top = model.ranking[0];
  const topIntent = top ? pack.intents.get(top.intent) : undefined;
  const keyType = topIntent?.tool
    ? (topIntent.tool.entity ?? pack.tools.get(topIntent.tool.id)?.key)
    : undefined;
  if (!sure && top && keyType && entities.some((e) => e.type === keyType)) {
    return { ...model, intent: top.intent, confidence: top.score, outOfScope: false, intentSource: 'entity' };
  }
  return { ...model, intentSource: 'model' };
}
