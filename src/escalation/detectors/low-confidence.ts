import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** Low confidence: consecutive latest turns where the bot answered from an intent it was unsure of. */
export const detectLowConfidence: Detector = (ctx) => {
  const { lowConfidence, turns: needed } = ctx.pack.policy.detectors.outOfScope;
  const evidence: string[] = [];
  let n = 0;
  for (let i = ctx.turns.length - 1; i >= 0; i--) {
    const t = ctx.turns[i]!;
    const guided = t.replyKind === 'flow' || t.replyKind === 'tool';
    if (guided || t.confidence >= lowConfidence) break;
    n++;
    evidence.unshift(`turn ${t.turn}: ${t.intent ?? 'no intent'} at ${t.confidence.toFixed(2)}`);
  }
  if (n === 0) return [];
  const score = clampScore(n / (needed + 1));
  return [
    {
      detector: 'low_confidence',
      score,
      peak: score,
      evidence: [`${n} unsure turn(s) in a row`, ...evidence],
    },
  ];
};
