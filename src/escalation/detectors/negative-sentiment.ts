import type { BotTurn } from '../../protocol/bot-turn.ts';
import type { AssessContext } from '../assess-context.ts';
import { matchTerms } from '../text/match-terms.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** Cues the bot reports that are pressure rather than frustration. */
const NOT_FRUSTRATION = new Set(['urgency']);

function shouting(text: string): boolean {
  const letters = text.replace(/\b[A-Z]{1,4}-?\d+\b/g, '').replace(/[^A-Za-z]/g, '');
  if (letters.length < 8) return false;
  let upper = 0;
  for (const ch of letters) if (ch >= 'A' && ch <= 'Z') upper++;
  return upper / letters.length >= 0.7;
}

/** Frustration of one turn 0..1 and the cues behind it. */
export function turnFrustration(
  ctx: AssessContext,
  turn: BotTurn,
  index: number,
): { level: number; cues: string[] } {
  const cues = new Set(turn.sentiment.cues.filter((c) => !NOT_FRUSTRATION.has(c)));
  const own = matchTerms(ctx.docs[index]!, ctx.pack.terms(['~frustration']));
  if (shouting(turn.text)) cues.add('shouting');
  const cueCount = Math.max(cues.size, own.length + (cues.has('shouting') ? 1 : 0));
  const negative = Math.max(0, -turn.sentiment.score);
  const level = 0.5 * negative + 0.2 * Math.min(3, cueCount);
  return { level: clampScore(level), cues: [...cues, ...own.map((h) => `"${h}"`)] };
}

/** Negative sentiment: how upset the customer is now, whether it is getting worse, and the frustration cues. */
export const detectNegativeSentiment: Detector = (ctx) => {
  const { negativeAt } = ctx.pack.policy.detectors.sentiment;
  const levels = ctx.turns.map((t, i) => turnFrustration(ctx, t, i));
  const now = levels.at(-1)!;
  const prev = levels.at(-2);
  let score = now.level;
  const evidence: string[] = [];
  if (now.cues.length > 0) evidence.push(`cues: ${now.cues.slice(0, 5).join(', ')}`);
  evidence.push(`sentiment ${ctx.current.sentiment.score.toFixed(2)}`);
  if (prev && prev.level >= 0.25 && now.level > prev.level) {
    score += 0.1;
    evidence.push('getting more upset');
  }
  const recentNegative = ctx.turns.slice(-3).filter((t) => t.sentiment.score <= negativeAt).length;
  if (recentNegative >= 2 && now.level > 0) {
    score += 0.1;
    evidence.push(`${recentNegative} of the last ${Math.min(3, ctx.turns.length)} messages negative`);
  }
  const peak = Math.max(score, ...levels.map((l) => l.level));
  if (peak === 0) return [];
  return [{ detector: 'negative_sentiment', score: clampScore(score), peak: clampScore(peak), evidence }];
};
