import type { EscalationPack } from '../escalation/escalation-pack.ts';
import { higherPriority, type Priority } from '../protocol/decision.ts';
import type { LearnedModel } from '../protocol/learned-model.ts';
import type { PreparedConversation } from '../protocol/learning.ts';
import { assignFolds } from './assign-folds.ts';
import { fitLearnedModel, type LabelledTurn, labelTurns } from './train-learned-model.ts';
import { pickPriority, pickTeam, scoreNeed, withTopicTeam } from './turn-features.ts';

/** A turn's held-out prediction: the model fitted without its conversation's fold. */
type HeldOut = { turn: LabelledTurn; p: number; team: string | null; priority: Priority | null };

export type LearnedSignalResult = {
  model: LearnedModel;
  /** The model's teams are used only when they beat the topic's team on held-out turns. */
  usesTeams: boolean;
  /** The model's priorities likewise, when they beat the policy's own priority on held-out handoffs. */
  usesPriorities: boolean;
  /** Held-out estimate of the combined decision (policy + learned signal) at the chosen threshold. */
  heldOut: { f1: number; needless: number; recall: number; precision: number };
  folds: number[];
};

const THRESHOLDS = Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1));

/**
 * Fits the learned signal: turns labelled under the pack's policy, a model per fold scored on the fold it
 * did not see, the threshold (and whether to trust its team) chosen on those held-out scores, then the final
 * model fitted on everything with that threshold. Pure and deterministic for a seed.
 */
export function learnSignal(
  pack: EscalationPack,
  history: readonly PreparedConversation[],
  options: { folds: number; seed: number },
): LearnedSignalResult {
  const turns = labelTurns(pack, history);
  const k = Math.min(options.folds, Math.max(2, history.length));
  const folds = assignFolds(
    history.map((h) => h.conversation.expect.handoff),
    k,
    options.seed,
  );
  const heldOut: HeldOut[] = [];
  for (let f = 0; f < k; f++) {
    const train = turns.filter((t) => folds[t.conversation] !== f);
    const model = fitLearnedModel(train, pack.teams, {
      seed: options.seed,
      conversations: history.length,
    });
    for (const t of turns) {
      if (folds[t.conversation] !== f) continue;
      const routed = withTopicTeam(t.features, t.topicTeam);
      heldOut.push({
        turn: t,
        p: scoreNeed(model, t.features),
        team: pickTeam(model, routed)?.team ?? null,
        priority: pickPriority(model, routed),
      });
    }
  }
  const usesTeams = teamAccuracy(heldOut, true) > teamAccuracy(heldOut, false);
  const usesPriorities = priorityAccuracy(heldOut, true) > priorityAccuracy(heldOut, false);
  let best = { t: 0.5, objective: -Infinity, scores: simulate(history, heldOut, 0.5) };
  for (const t of THRESHOLDS) {
    const scores = simulate(history, heldOut, t);
    // F1 first; a needless handoff costs half a point of F1 more than the F1 itself counts it
    const objective = scores.f1 - 0.5 * scores.needless;
    if (objective > best.objective + 1e-9) best = { t, objective, scores };
  }
  const model = fitLearnedModel(turns, pack.teams, {
    seed: options.seed,
    conversations: history.length,
    threshold: Math.round(best.t * 100) / 100,
  });
  return {
    model: {
      ...model,
      teams: usesTeams ? model.teams : [],
      priorities: usesPriorities ? model.priorities : [],
    },
    usesTeams,
    usesPriorities,
    heldOut: best.scores,
    folds,
  };
}

/** Share of held-out needed turns whose team is right, by the model's team or by the topic's team. */
function teamAccuracy(heldOut: readonly HeldOut[], model: boolean): number {
  const needed = heldOut.filter((h) => h.turn.needed && h.turn.team);
  if (needed.length === 0) return 0;
  return needed.filter((h) => (model ? h.team : h.turn.topicTeam) === h.turn.team).length / needed.length;
}

/**
 * Share of held-out needed turns with a labelled priority that get it: by the model's priority (never below
 * the policy's, as the decision raises a rule to it) or by the policy's alone (normal when it stays).
 */
function priorityAccuracy(heldOut: readonly HeldOut[], model: boolean): number {
  const needed = heldOut.filter((h) => h.turn.needed && h.turn.priority);
  if (needed.length === 0) return 0;
  const right = needed.filter((h) => {
    const own = h.turn.decision.kind === 'stay' ? 'normal' : h.turn.decision.priority;
    const got = model && h.priority ? higherPriority(own, h.priority) : own;
    return got === h.turn.priority;
  });
  return right.length / needed.length;
}

/**
 * The combined decision on held-out turns without replaying: the first turn where the learned probability
 * reaches the threshold (its team) or the policy alone escalates (its team). The pack's own rule silences
 * the generic layer only when it fires, so this is what `decide` does with the learned rule in the pack.
 */
function simulate(
  history: readonly PreparedConversation[],
  heldOut: readonly HeldOut[],
  threshold: number,
): { f1: number; needless: number; recall: number; precision: number } {
  const byConversation = new Map<number, HeldOut[]>();
  for (const h of heldOut) {
    const list = byConversation.get(h.turn.conversation) ?? [];
    list.push(h);
    byConversation.set(h.turn.conversation, list);
  }
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let negatives = 0;
  history.forEach((prepared, i) => {
    const expect = prepared.conversation.expect;
    if (expect.handoff) positives++;
    else negatives++;
    const handed = (byConversation.get(i) ?? []).some(
      (h) => h.p >= threshold || h.turn.decision.kind !== 'stay',
    );
    if (handed && expect.handoff) tp++;
    if (handed && !expect.handoff) fp++;
  });
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = positives === 0 ? 1 : tp / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, needless: negatives === 0 ? 0 : fp / negatives, recall, precision };
}
