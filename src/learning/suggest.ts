import type { EscalationPack } from '../escalation/escalation-pack.ts';
import type { Prediction } from '../escalation/evaluate-scenarios.ts';
import {
  type Effect,
  type PackChange,
  type PackDocument,
  type PreparedConversation,
  type Suggestion,
  type SuggestionKind,
  type SuggestOptions,
  suggestionKinds,
  suggestOptionsSchema,
} from '../protocol/learning.ts';
import { applyChanges } from './apply-changes.ts';
import { assignFolds } from './assign-folds.ts';
import { documentToEscalation } from './document-pack.ts';
import { learnSignal } from './learn-signal.ts';
import { type FoldPlan, improves, measureEffect, objective } from './measure-effect.ts';
import { mineBot } from './mine-bot.ts';
import { mineCues } from './mine-cues.ts';
import {
  type Candidate,
  type Escalations,
  mineLateRules,
  mineRuleChanges,
  mineTeams,
} from './mine-policy.ts';
import { firstEscalation, toPrediction } from './replay-labelled.ts';
import { suggestionId } from './suggestion-id.ts';

/** Kinds that change what the bot understands or says (not measured by a policy replay). */
const BOT_KINDS: ReadonlySet<SuggestionKind> = new Set(['intent_example', 'new_intent', 'kb_article']);

/**
 * Proposes changes to a pack from labelled history (see src/protocol/learning.ts): policy changes (rule
 * impacts, suppressions, topic teams, cue terms), each kept only when it improves the held-out figures;
 * the learned signal, fitted on the pack with those policy changes applied; and what the bot should learn
 * (intent examples, new intents, knowledge articles). Pure and deterministic for a seed.
 */
export function suggest(
  doc: PackDocument,
  history: readonly PreparedConversation[],
  options: SuggestOptions = {},
): Suggestion[] {
  const opts = suggestOptionsSchema.parse(options);
  const wanted = new Set<SuggestionKind>(opts.kinds ?? suggestionKinds);
  const rejected = new Set(opts.rejected);
  if (history.length < 2) return [];
  const k = Math.min(opts.folds, history.length);
  const folds = assignFolds(
    history.map((h) => h.conversation.expect.handoff),
    k,
    opts.seed,
  );
  const pack = documentToEscalation(doc);
  const escalations: Escalations = new Map(history.map((p) => [p.conversation.id, firstEscalation(pack, p)]));
  const plan = foldPlan(doc, pack, history, folds, k, escalations);
  const miners: ((h: readonly PreparedConversation[]) => Candidate[])[] = [
    (h) => mineRuleChanges(pack, h, escalations),
    (h) => mineLateRules(pack, h, escalations),
    (h) => mineTeams(pack, h),
    (h) => mineCues(pack, h),
  ];
  const policy: Suggestion[] = [];
  for (const mine of miners) {
    for (const c of mine(history)) {
      if (!wanted.has(c.kind)) continue;
      const id = suggestionId(c.kind, c.change);
      if (rejected.has(id)) continue;
      const { effect } = measureEffect(
        plan,
        (train) => mine(train).find((x) => x.key === c.key)?.change ?? [],
      );
      if (improves(effect, c.key.startsWith('raise:')))
        policy.push({ id, kind: c.kind, title: c.title, evidence: c.evidence, change: c.change, effect });
    }
  }
  policy.sort((a, b) => gain(b.effect) - gain(a.effect));
  const out = [...policy];
  if (wanted.has('learned_signal')) {
    const learned = suggestLearnedSignal(doc, policy, history, folds, k, opts.seed);
    if (learned && !rejected.has(learned.id)) out.push(learned);
  }
  for (const c of mineBot(doc, history)) {
    const id = suggestionId(c.kind, c.change);
    if (!wanted.has(c.kind) || rejected.has(id) || !BOT_KINDS.has(c.kind)) continue;
    out.push({
      id,
      kind: c.kind,
      title: c.title,
      evidence: c.evidence,
      change: c.change,
      effect: notMeasured(history.length),
    });
  }
  return out;
}

/** The learned signal on the pack with the policy suggestions applied, its effect measured on nested folds. */
function suggestLearnedSignal(
  doc: PackDocument,
  policy: readonly Suggestion[],
  history: readonly PreparedConversation[],
  folds: number[],
  k: number,
  seed: number,
): Suggestion | null {
  let base = doc;
  try {
    const withPolicy = applyChanges(
      doc,
      policy.flatMap((s) => s.change),
    );
    documentToEscalation(withPolicy);
    base = withPolicy;
  } catch {
    // the policy suggestions do not combine; the signal is fitted on the pack as it is
  }
  const pack = documentToEscalation(base);
  const fitted = learnSignal(pack, history, { folds: k, seed });
  const change: PackChange[] = [{ op: 'set_learned_model', model: fitted.model, impact: 1 }];
  const plan = foldPlan(base, pack, history, folds, k);
  const { effect } = measureEffect(plan, (train) => [
    { op: 'set_learned_model', model: learnSignal(pack, train, { folds: k, seed }).model, impact: 1 },
  ]);
  const top = Object.entries(fitted.model.weights)
    .filter(([name]) => name.startsWith('w:') || name.startsWith('b:'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  return {
    id: suggestionId('learned_signal', change),
    kind: 'learned_signal',
    title: `Learned escalation signal from ${history.length} labelled conversations (threshold ${fitted.model.threshold})`,
    evidence: {
      conversations: history.slice(0, 8).map((h) => h.conversation.id),
      terms: top.map(([name]) => name.slice(2)),
      counts: {
        turns: fitted.model.trainedOn.turns,
        features: Object.keys(fitted.model.weights).length,
        needed: history.filter((h) => h.conversation.expect.handoff).length,
      },
      quotes: [],
    },
    change,
    effect: {
      ...effect,
      note:
        policy.length > 0
          ? "measured on the pack with this run's policy suggestions applied; the threshold was chosen on folds of the training part only"
          : 'the threshold was chosen on folds of the training part only',
    },
  };
}

function foldPlan(
  doc: PackDocument,
  pack: EscalationPack,
  history: readonly PreparedConversation[],
  folds: number[],
  k: number,
  escalations?: Escalations,
): FoldPlan {
  const before: Prediction[] = history.map((p) =>
    toPrediction(
      p.conversation.id,
      escalations ? (escalations.get(p.conversation.id) ?? null) : firstEscalation(pack, p),
    ),
  );
  return { doc, history, folds, k, before };
}

function gain(effect: Effect): number {
  return effect.after && effect.before ? objective(effect.after) - objective(effect.before) : 0;
}

function notMeasured(conversations: number): Effect {
  return {
    method: 'not_measured',
    folds: 0,
    conversations,
    before: null,
    after: null,
    handoffsGained: 0,
    handoffsLost: 0,
    note: 'changes what the bot understands or answers; a policy replay keeps the stored bot turns, so score the written pack with `baton eval`',
  };
}
