import type { Signal } from '../../protocol/decision.ts';
import { trustedIntent } from '../assess-context.ts';
import { matchesAny } from '../text/match-terms.ts';
import type { Detector } from './detector.ts';

/**
 * A recognised intent the pack tagged as urgent (`urgent`) or as a risk (`risk:<kind>`), that none of the
 * pack's own risks claims (a risk naming the intent or one of its tags refines it). Full score for a trusted
 * intent; half in a question about how things work ("how do I report a gas leak?") and none when the
 * customer confirms the activity was theirs. A risk that is not urgent and that the bot serves itself (the
 * intent has a lookup or starts a flow, like an outage map) is the bot's job: other signals (upset, a failed
 * lookup, a flow giving up) bring a person in. Signals: `intent_urgent`, `intent_risk`.
 */
export const detectTaggedIntent: Detector = (ctx) => {
  const intent = trustedIntent(ctx, ctx.current);
  if (!intent) return [];
  const spec = ctx.pack.intents.get(intent);
  const tags = spec?.tags ?? [];
  const urgent = tags.includes('urgent');
  const risk = urgent || !spec?.served ? tags.find((t) => t.startsWith('risk:')) : undefined;
  if (!urgent && !risk) return [];
  const claimed = ctx.pack.policy.risks.some(
    (r) => r.intents.includes(intent) || tags.some((t) => r.tags.includes(t)),
  );
  if (claimed) return [];
  const doc = ctx.docs.at(-1)!;
  const evidence = [
    `intent ${intent} (${ctx.current.confidence.toFixed(2)}) tagged ${[urgent && 'urgent', risk].filter(Boolean).join(', ')}`,
  ];
  if (
    matchesAny(doc, ctx.pack.terms(['~confirms_own'])) &&
    !matchesAny(doc, ctx.pack.terms(['~unauthorized']))
  ) {
    return [];
  }
  let score = 1;
  if (matchesAny(doc, ctx.pack.terms(['~info_question']))) {
    score = 0.5;
    evidence.push('asked how it works');
  }
  const out: Signal[] = [];
  if (urgent) out.push({ detector: 'intent_urgent', score, peak: score, evidence });
  if (risk) out.push({ detector: 'intent_risk', score, peak: score, evidence });
  return out;
};
