import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** Out of scope: consecutive latest turns the bot judged outside its domain or answered with its fallback. */
export const detectOutOfScope: Detector = (ctx) => {
  const evidence: string[] = [];
  let n = 0;
  for (let i = ctx.turns.length - 1; i >= 0; i--) {
    const t = ctx.turns[i]!;
    if (!(t.outOfScope || t.replyKind === 'fallback')) break;
    n++;
    evidence.unshift(`turn ${t.turn}: ${t.outOfScope ? 'out of scope' : 'fallback reply'}`);
  }
  if (n === 0) return [];
  const score = clampScore(n / ctx.pack.policy.detectors.outOfScope.turns);
  return [{ detector: 'out_of_scope', score, peak: score, evidence: [`${n} turn(s) in a row`, ...evidence] }];
};
