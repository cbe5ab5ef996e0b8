import { trustedIntent } from '../assess-context.ts';
import { matchTerms } from '../text/match-terms.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** How many recent turns are looked at for reports that the bot's answer failed. */
const WINDOW = 4;

/**
 * Self-service failed: after the bot's answer the customer reports that it did not work ("the email never
 * arrives", "checked spam, nothing there either"), that the bot is not helping ("that's not what I asked"), or
 * says so in words the pack's classifier knows (an intent tagged `frustration`, such as "that didn't help").
 * The current message must be such a report; every report among the last turns counts, so the bot failing
 * twice offers a person even with another message in between. A running flow counts its own cycles.
 */
export const detectSelfServiceFailed: Detector = (ctx) => {
  if (ctx.current.flow?.status === 'active') return [];
  const terms = ctx.pack.terms(['~failure_report', '~bot_failing']);
  const report = (i: number): string | null => {
    const hit = matchTerms(ctx.docs[i]!, terms)[0];
    if (hit) return `"${hit}"`;
    const intent = trustedIntent(ctx, ctx.turns[i]!);
    if (intent && ctx.pack.intents.get(intent)?.tags.includes('frustration')) return `intent ${intent}`;
    return null;
  };
  const last = ctx.docs.length - 1;
  if (last < 1 || report(last) === null) return [];
  const seen: string[] = [];
  for (let i = last; i >= 1 && i > last - WINDOW; i--) {
    const hit = report(i);
    if (hit) seen.push(`turn ${ctx.turns[i]!.turn}: ${hit}`);
  }
  const score = clampScore(seen.length / 2);
  return [
    {
      detector: 'self_service_failed',
      score,
      peak: score,
      evidence: [`${seen.length} report(s) that the answer did not work`, ...seen.reverse()],
    },
  ];
};
