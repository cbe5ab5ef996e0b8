import type { BotTurn } from '../../protocol/bot-turn.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

function progressed(t: BotTurn, lowConfidence: number): boolean {
  if (t.error) return false;
  if (t.replyKind === 'flow' || t.replyKind === 'tool' || t.replyKind === 'article') return true;
  return t.replyKind === 'intent' && !t.outOfScope && t.confidence >= lowConfidence;
}

/** No progress: turns in a row where the bot moved nothing forward, or too many minutes with the last one stuck. */
export const detectNoProgress: Detector = (ctx) => {
  const { turns: limit, minutes } = ctx.pack.policy.detectors.noProgress;
  const low = ctx.pack.policy.detectors.outOfScope.lowConfidence;
  let n = 0;
  for (let i = ctx.turns.length - 1; i >= 0 && !progressed(ctx.turns[i]!, low); i--) n++;
  if (n === 0) return [];
  const overTime = ctx.elapsedMinutes >= minutes;
  const score = clampScore(overTime ? 1 : n / limit);
  const evidence = [`${n} turn(s) in a row without progress`];
  if (overTime) evidence.push(`${Math.round(ctx.elapsedMinutes)} minutes into the conversation`);
  return [{ detector: 'no_progress', score, peak: score, evidence }];
};
