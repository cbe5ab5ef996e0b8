import type { AssessContext } from '../assess-context.ts';
import { matchTerms } from '../text/match-terms.ts';
import { isSpoken, readVocalCues } from '../text/read-vocal-cues.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** What a kind of vocal cue weighs: distress (crying) more than anger (a raised voice). */
const kinds = [
  { set: '~vocal_distress', label: 'distress', weight: 0.7 },
  { set: '~vocal_anger', label: 'anger', weight: 0.6 },
] as const;

/**
 * The non-verbal marks of one transcript turn, by kind, read with the lexicon's concept sets (so a pack extends
 * `vocal_anger` / `vocal_distress` in its own lexicon, and "[not crying]" is negated like any term).
 */
export function vocalCuesOf(
  ctx: AssessContext,
  index: number,
): { cue: string; kind: string; weight: number }[] {
  if (!isSpoken(ctx.channel)) return [];
  const found: { cue: string; kind: string; weight: number }[] = [];
  for (const cue of readVocalCues(ctx.turns[index]?.text ?? '')) {
    const doc = tokenize(cue);
    const kind = kinds.find((k) => matchTerms(doc, ctx.pack.terms([k.set])).length > 0);
    if (kind) found.push({ cue, kind: kind.label, weight: kind.weight });
  }
  return found;
}

/**
 * Vocal cues in a voice transcript: a caller crying or shouting is a signal however calm their words read.
 * The strongest cue of the turn, +0.2 for each further kind or repeated cue, +0.15 when the last turn had cues too.
 */
export const detectVocalCues: Detector = (ctx) => {
  const index = ctx.turns.length - 1;
  const now = vocalCuesOf(ctx, index);
  if (now.length === 0) return [];
  const strongest = Math.max(...now.map((c) => c.weight));
  let score = strongest + 0.2 * (now.length - 1);
  const evidence = now.map((c) => `[${c.cue}] (${c.kind})`);
  if (index > 0 && vocalCuesOf(ctx, index - 1).length > 0) {
    score += 0.15;
    evidence.push('cues on the turn before too');
  }
  return [{ detector: 'vocal_cues', score: clampScore(score), evidence }];
};
