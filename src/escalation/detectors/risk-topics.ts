import type { Signal } from '../../protocol/decision.ts';
import type { PolicyCue, PolicyRisk } from '../../protocol/policy.ts';
import { type AssessContext, trustedIntent } from '../assess-context.ts';
import type { EscalationPack } from '../escalation-pack.ts';
import { matchesAny, matchPositions, matchTerms, negatedTerms } from '../text/match-terms.ts';
import type { Doc } from '../text/tokenize.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** Score of one cue on one message, with the terms that matched. */
function scoreCue(pack: EscalationPack, doc: Doc, cue: PolicyCue): { score: number; hits: string[] } {
  if (cue.any) {
    const hits = matchTerms(doc, pack.terms(cue.any));
    if (hits.length === 0) return { score: 0, hits };
    return { score: cue.each ? cue.weight * hits.length : cue.weight, hits };
  }
  const groups = cue.all ?? [];
  const positions: number[][] = [];
  const hits: string[] = [];
  for (const group of groups) {
    const found = matchPositions(doc, pack.terms(group));
    if (found.length === 0) return { score: 0, hits: [] };
    hits.push(found[0]!.term.raw);
    positions.push(found.map((f) => f.at));
  }
  if (cue.near !== undefined && !withinWindow(positions, cue.near)) return { score: 0, hits: [] };
  return { score: cue.weight, hits: [hits.join(' + ')] };
}

/** Whether one position from each group fits in a window of `near` words. */
function withinWindow(groups: number[][], near: number): boolean {
  const [first, ...rest] = groups;
  for (const start of first ?? []) {
    if (rest.every((g) => g.some((p) => Math.abs(p - start) <= near))) return true;
  }
  return false;
}

/** A topic's text score on one message, the terms behind it, and whether the customer negated some of its terms. */
type TextScore = { score: number; hits: string[]; negated: string[] };
const textScores = new WeakMap<Doc, Map<PolicyRisk, TextScore>>();

/** Text score of a risk topic on one message (sum of its cues, capped at 1); memoised per message. */
export function scoreRiskText(pack: EscalationPack, doc: Doc, risk: PolicyRisk): TextScore {
  let byRisk = textScores.get(doc);
  if (!byRisk) {
    byRisk = new Map();
    textScores.set(doc, byRisk);
  }
  let result = byRisk.get(risk);
  if (!result) {
    result = computeRiskText(pack, doc, risk);
    byRisk.set(risk, result);
  }
  return result;
}

function computeRiskText(pack: EscalationPack, doc: Doc, risk: PolicyRisk): TextScore {
  let score = 0;
  const hits: string[] = [];
  for (const cue of risk.cues) {
    const r = scoreCue(pack, doc, cue);
    if (r.score > 0) {
      score += r.score;
      hits.push(...r.hits);
    }
  }
  const negated: string[] = [];
  for (const cue of risk.cues) {
    for (const list of cue.any ? [cue.any] : (cue.all ?? []))
      negated.push(...negatedTerms(doc, pack.terms(list)));
  }
  return { score: Math.min(1, score), hits, negated };
}

/**
 * How much a classifier intent counts: fully when trusted; 3/4 when it is only the best guess above the soft
 * floor, and then only with a word of evidence for the same topic and not inside a running flow (the flow
 * owns those replies). Without a word of evidence it counts for nothing in a reply to a running flow ("it
 * still fails" is not a new topic) and for half in a question about how things work ("how do I restore a
 * note from the trash?", "what's the max file size?"): the classifier alone is a weak witness there.
 */
function intentFactor(ctx: AssessContext, textScore: number): number {
  const inFlow = ctx.current.flow?.status === 'active';
  if (textScore === 0 && inFlow && ctx.turns.at(-2)?.flow?.flow === ctx.current.flow?.flow) return 0;
  const trusted = trustedIntent(ctx, ctx.current) !== null;
  const factor = trusted
    ? 1
    : ctx.current.confidence >= ctx.pack.policy.softIntentConfidence && textScore > 0 && !inFlow
      ? 0.75
      : 0;
  if (factor > 0 && textScore === 0 && matchesAny(ctx.docs.at(-1)!, ctx.pack.terms(['~info_question'])))
    return Math.min(factor, 0.5);
  return factor;
}

function scoreRisk(ctx: AssessContext, risk: PolicyRisk): Signal | null {
  const evidence: string[] = [];
  const current = scoreRiskText(ctx.pack, ctx.docs.at(-1)!, risk);
  let score = current.score;
  if (current.hits.length > 0) evidence.push(...current.hits.slice(0, 4).map((h) => `said "${h}"`));
  // out of scope, the classifier's first-ranked intent is still a (soft) witness when the words agree
  const intent = ctx.current.outOfScope ? (ctx.current.ranking[0]?.intent ?? null) : ctx.current.intent;
  const factor = intentFactor(ctx, current.score);
  // "I don't have chest pain": the classifier saw the words, the customer denied them
  const denied = current.score === 0 && current.negated.length > 0;
  if (denied)
    evidence.push(
      `denied: ${current.negated
        .slice(0, 3)
        .map((h) => `"${h}"`)
        .join(', ')}`,
    );
  if (intent && factor > 0 && !denied) {
    const tags = ctx.pack.intents.get(intent)?.tags ?? [];
    if (risk.intents.includes(intent) || tags.some((t) => risk.tags.includes(t))) {
      score += risk.intentWeight * factor;
      evidence.push(`intent ${intent} (${ctx.current.confidence.toFixed(2)}${factor < 1 ? ', unsure' : ''})`);
    }
  }
  const entity = ctx.current.entities.find((e) => risk.entities.includes(e.type));
  if (entity && score > 0) {
    score += risk.entityWeight;
    evidence.push(`${entity.type} ${entity.value}`);
  }
  let peak = score;
  for (let i = 0; i < ctx.docs.length - 1; i++)
    peak = Math.max(peak, scoreRiskText(ctx.pack, ctx.docs[i]!, risk).score);
  if (peak === 0) return null;
  if (score === 0) evidence.push('mentioned earlier in the conversation');
  return {
    detector: `risk:${risk.id}`,
    score: clampScore(score),
    peak: clampScore(peak),
    evidence: [risk.label, ...evidence],
  };
}

/** Risk topics: each topic the pack configures, matched by intent, tag, entity and concept sets. */
export const detectRiskTopics: Detector = (ctx) => {
  const out: Signal[] = [];
  for (const risk of ctx.pack.policy.risks) {
    const s = scoreRisk(ctx, risk);
    if (s) out.push(s);
  }
  return out;
};
