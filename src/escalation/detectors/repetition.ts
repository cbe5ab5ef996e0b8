import { matchTerms } from '../text/match-terms.ts';
import type { Doc } from '../text/tokenize.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

const STOP = new Set(
  'i me my we our you your it its is are was were be been am a an the and or but to of in on for with at by from this that these those there here what how why when where who which do does did can could would should will just so if then than too very please hi hello hey ok okay thanks thank yes no not still again also im ive dont cant'.split(
    ' ',
  ),
);

function contentStems(doc: Doc): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < doc.words.length; i++) if (!STOP.has(doc.words[i]!)) out.add(doc.stems[i]!);
  return out;
}

/** Jaccard overlap of the content words of two messages. */
export function similarity(a: Doc, b: Doc): number {
  const x = contentStems(a);
  const y = contentStems(b);
  if (x.size < 2 || y.size < 2) return 0;
  let common = 0;
  for (const s of x) if (y.has(s)) common++;
  return common / (x.size + y.size - common);
}

/** Repetition: the customer asking the same thing again, or the bot giving the same reply again. */
export const detectRepetition: Detector = (ctx) => {
  if (ctx.current.flow?.status === 'active') return [];
  const threshold = ctx.pack.policy.detectors.repetition.similarity;
  const now = ctx.docs.at(-1)!;
  const evidence: string[] = [];
  let repeats = 0;
  for (let i = 0; i < ctx.docs.length - 1; i++) {
    const sim = similarity(now, ctx.docs[i]!);
    if (sim >= threshold) {
      repeats++;
      evidence.push(`same as turn ${ctx.turns[i]!.turn} (${Math.round(sim * 100)}% alike)`);
    }
  }
  // "it's still pending, why?": a re-ask cue plus a word shared with an earlier message
  if (repeats === 0 && matchTerms(now, ctx.pack.terms(['~reask'])).length > 0) {
    const mine = contentStems(now);
    for (let i = ctx.docs.length - 2; i >= 0; i--) {
      const shared = [...contentStems(ctx.docs[i]!)].filter((w) => mine.has(w));
      if (shared.length > 0) {
        repeats = 1;
        evidence.push(`asks again about "${shared.slice(0, 3).join(' ')}" (turn ${ctx.turns[i]!.turn})`);
        break;
      }
    }
  }
  const reply = ctx.current.reply;
  const prevReply = ctx.turns.at(-2)?.reply;
  const botRepeats = reply !== null && reply === prevReply && ctx.current.replyKind !== 'flow';
  if (botRepeats) evidence.push('the bot gave the same reply twice');
  const score = (repeats === 0 ? 0 : repeats === 1 ? 0.6 : 0.9) + (botRepeats ? 0.3 : 0);
  if (score === 0) return [];
  return [{ detector: 'repetition', score: clampScore(score), peak: clampScore(score), evidence }];
};
