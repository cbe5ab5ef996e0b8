import { matchTerms } from '../text/match-terms.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/**
 * Self-service failed: after the bot's answer the customer reports, turn after turn, that it did not work
 * ("the email never arrives", "checked spam, nothing there either"). A running flow counts its own cycles.
 */
export const detectSelfServiceFailed: Detector = (ctx) => {
  if (ctx.current.flow?.status === 'active') return [];
  const terms = ctx.pack.terms(['~failure_report']);
  const seen: string[] = [];
  for (let i = ctx.docs.length - 1; i >= 1; i--) {
    const hit = matchTerms(ctx.docs[i]!, terms)[0];
    if (!hit) break;
    seen.push(`turn ${ctx.turns[i]!.turn}: "${hit}"`);
  }
  if (seen.length === 0) return [];
  const score = clampScore(seen.length / 2);
  return [
    {
      detector: 'self_service_failed',
      score,
      peak: score,
      evidence: [`${seen.length} report(s) in a row that the answer did not work`, ...seen.reverse()],
    },
  ];
};
