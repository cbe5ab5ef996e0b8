import type { Prediction } from '../escalation/evaluate-scenarios.ts';
import type { Effect, PackChange, PackDocument, PreparedConversation } from '../protocol/learning.ts';
import { applyChanges } from './apply-changes.ts';
import { documentToEscalation } from './document-pack.ts';
import { effectScores, predictConversation } from './replay-labelled.ts';

/** Fits a change on some conversations (the training folds); an empty list means "no change fits here". */
export type FitChange = (train: readonly PreparedConversation[]) => PackChange[];

/** The history split into folds, with every conversation's prediction under the current pack. */
export type FoldPlan = {
  doc: PackDocument;
  history: readonly PreparedConversation[];
  folds: readonly number[];
  k: number;
  before: readonly Prediction[];
};

/**
 * The predicted effect of a change: for each fold, the change is fitted on the other folds and the fold is
 * replayed under the pack with and without it; the held-out predictions of all folds are scored together
 * against the labels. A change that cannot be applied on a fold leaves that fold as it was. Pure.
 */
export function measureEffect(plan: FoldPlan, fitChange: FitChange): { effect: Effect; after: Prediction[] } {
  const after: Prediction[] = [...plan.before];
  for (let f = 0; f < plan.k; f++) {
    const train = plan.history.filter((_, i) => plan.folds[i] !== f);
    const changes = fitChange(train);
    if (changes.length === 0) continue;
    let pack: ReturnType<typeof documentToEscalation>;
    try {
      pack = documentToEscalation(applyChanges(plan.doc, changes));
    } catch {
      continue;
    }
    plan.history.forEach((prepared, i) => {
      if (plan.folds[i] === f) after[i] = predictConversation(pack, prepared);
    });
  }
  let gained = 0;
  let lost = 0;
  plan.before.forEach((b, i) => {
    if (!b.handoff && after[i]!.handoff) gained++;
    if (b.handoff && !after[i]!.handoff) lost++;
  });
  return {
    effect: {
      method: 'folds',
      folds: plan.k,
      conversations: plan.history.length,
      before: effectScores(plan.history, plan.before),
      after: effectScores(plan.history, after),
      handoffsGained: gained,
      handoffsLost: lost,
    },
    after,
  };
}

/** The single figure suggestions are kept by: F1, with each needless handoff costing half again. */
export function objective(scores: { f1: number; needless: number }): number {
  return scores.f1 - 0.5 * scores.needless;
}

/**
 * Whether an effect improves the held-out figures (a suggestion that does not is not proposed). A change about
 * timing (`timing`) also counts when it brings handoffs on time without costing the objective.
 */
export function improves(effect: Effect, timing = false): boolean {
  if (!effect.before || !effect.after) return false;
  const b = effect.before;
  const a = effect.after;
  const same = objective(a) >= objective(b) - 1e-9;
  return (
    objective(a) > objective(b) + 1e-9 ||
    (same && a.teamAccuracy > b.teamAccuracy + 1e-9) ||
    (timing && same && a.teamAccuracy >= b.teamAccuracy - 1e-9 && (a.onTime ?? 0) > (b.onTime ?? 0) + 1e-9)
  );
}
