import { tokenize } from '../escalation/text/tokenize.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Priority, Signal } from '../protocol/decision.ts';
import type { LearnedModel } from '../protocol/learned-model.ts';

/** Named numeric features of one turn; absent names are 0. */
export type Features = Map<string, number>;

/** The signal the learned layer itself emits: never one of its own inputs. */
export const LEARNED_SIGNAL_NAME = 'learned';

/**
 * The features of the last turn of a conversation, the input of the learned signal:
 * `w:STEM` words and `b:STEM_STEM` word pairs of the current message; `h:STEM` words of the earlier
 * messages; `s:DETECTOR` the detectors' scores on this turn; `turn:1|2|3+`; `neg` (how negative the
 * message is), `trend` (sentiment now minus the first message's), `worse` (it fell since the last one);
 * `i:INTENT` the trusted intent (`i:none` without one), `oos`, `reply:KIND`, `conf` (the classifier's
 * confidence). Pure.
 */
export function turnFeatures(turns: readonly BotTurn[], signals: readonly Signal[]): Features {
  const f: Features = new Map();
  const current = turns.at(-1);
  if (!current) return f;
  const stems = tokenize(current.text).stems.filter((s) => s.length > 1 || /\d/.test(s));
  for (const s of stems) f.set(`w:${s}`, 1);
  for (let i = 1; i < stems.length; i++) f.set(`b:${stems[i - 1]}_${stems[i]}`, 1);
  for (const t of turns.slice(0, -1)) {
    for (const s of tokenize(t.text).stems) if (s.length > 1) f.set(`h:${s}`, 0.5);
  }
  for (const s of signals) {
    if (s.detector === LEARNED_SIGNAL_NAME) continue;
    f.set(`s:${s.detector}`, s.score);
  }
  const n = turns.length;
  f.set(n >= 3 ? 'turn:3+' : `turn:${n}`, 1);
  const score = current.sentiment.score;
  f.set('neg', Math.max(0, -score));
  f.set('trend', score - (turns[0]?.sentiment.score ?? score));
  const prev = turns.at(-2);
  if (prev && score < prev.sentiment.score - 0.1) f.set('worse', 1);
  const trusted = current.intent && !current.outOfScope && current.confidence >= 0.5;
  f.set(trusted ? `i:${current.intent}` : 'i:none', 1);
  if (current.outOfScope) f.set('oos', 1);
  f.set(`reply:${current.replyKind}`, 1);
  f.set('conf', current.confidence);
  return f;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability that a person is needed now, by the learned model. Pure. */
export function scoreNeed(model: Pick<LearnedModel, 'bias' | 'weights'>, f: Features): number {
  let z = model.bias;
  for (const [name, value] of f) z += (model.weights[name] ?? 0) * value;
  return sigmoid(z);
}

/**
 * The features the team and priority scorers read: the turn's features plus `topic:TEAM`, the team owning the
 * conversation's topic by the pack's intents, so that a scorer learns to keep that team unless the labels
 * say otherwise. Pure.
 */
export function withTopicTeam(f: Features, topicTeam: string): Features {
  const out = new Map(f);
  out.set(`topic:${topicTeam}`, 1);
  return out;
}

/** The team the learned model picks for the turn (features from `withTopicTeam`), with what weighed most. */
export function pickTeam(
  model: Pick<LearnedModel, 'teams'>,
  f: Features,
): { team: string; because: string[] } | null {
  const best = pickBest(model.teams, f);
  return best ? { team: best.scorer.team, because: best.because } : null;
}

/** The priority the learned model gives a handoff on the turn (features from `withTopicTeam`). */
export function pickPriority(model: Pick<LearnedModel, 'priorities'>, f: Features): Priority | null {
  return pickBest(model.priorities ?? [], f)?.scorer.priority ?? null;
}

type Scorer = { bias: number; weights: Record<string, number> };

function pickBest<S extends Scorer>(
  scorers: readonly S[],
  f: Features,
): { scorer: S; because: string[] } | null {
  let best: { scorer: S; score: number; parts: [string, number][] } | null = null;
  for (const t of scorers) {
    let z = t.bias;
    const parts: [string, number][] = [];
    for (const [name, value] of f) {
      const w = t.weights[name];
      if (w === undefined) continue;
      z += w * value;
      parts.push([name, w * value]);
    }
    if (!best || z > best.score) best = { scorer: t, score: z, parts };
  }
  if (!best) return null;
  const because = best.parts
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([n]) => n);
  return { scorer: best.scorer, because };
}

/** The features that pushed the probability up most, for the decision's evidence. */
export function topContributions(model: Pick<LearnedModel, 'weights'>, f: Features, k = 4): string[] {
  return [...f]
    .map(([name, value]) => [name, (model.weights[name] ?? 0) * value] as const)
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, c]) => `${name} +${c.toFixed(2)}`);
}
