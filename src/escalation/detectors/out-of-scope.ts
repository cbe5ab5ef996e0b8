import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** Out of scope: consecutive latest turns the bot could not answer (out of its domain, or its fallback reply). */
export const detectOutOfScope: Detector = (ctx) => {
  const evidence: string[] = [];
  let n = 0;
  for (let i = ctx.turns.length - 1; i >= 0; i--) {
    const t = ctx.turns[i]!;
    const answered =
      t.replyKind === 'flow' ||
      t.replyKind === 'tool' ||
      t.replyKind === 'article' ||
      t.replyKind === 'intent';
    if (!(t.replyKind === 'fallback' || t.replyKind === 'none' || (t.outOfScope && !answered))) break;
    n++;
    evidence.unshift(`turn ${t.turn}: ${t.outOfScope ? 'out of scope' : 'fallback reply'}`);
  }
  if (n === 0) return [];
  const score = clampScore(n / ctx.pack.policy.detectors.outOfScope.turns);
  return [{ detector: 'out_of_scope', score, peak: score, evidence: [`${n} turn(s) in a row`, ...evidence] }];
};
