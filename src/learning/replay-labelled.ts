import { assessTurn } from '../escalation/assess-turn.ts';
import type { EscalationPack } from '../escalation/escalation-pack.ts';
import { evaluateScenarios, type Prediction, type Scores } from '../escalation/evaluate-scenarios.ts';
import { MINUTES_PER_TURN } from '../escalation/run-scenario.ts';
import type { EscalateDecision } from '../protocol/decision.ts';
import type { EffectScores, PreparedConversation } from '../protocol/learning.ts';

/** The first offer or handoff of a prepared conversation under a policy (1-based turn), or null. Pure. */
export function firstEscalation(
  pack: EscalationPack,
  prepared: PreparedConversation,
): { turn: number; decision: EscalateDecision } | null {
  const c = prepared.conversation;
  const customer = { tier: c.customer?.tier ?? 'standard', attributes: c.customer?.attributes ?? {} };
  for (let i = 0; i < prepared.turns.length; i++) {
    const d = assessTurn(pack, {
      turns: prepared.turns.slice(0, i + 1),
      customer,
      elapsedMinutes: i * MINUTES_PER_TURN,
      toolData: c.data,
    });
    if (d.kind !== 'stay') return { turn: i + 1, decision: d };
  }
  return null;
}

/** What `baton eval` would predict for a prepared conversation under a policy (its first escalation). Pure. */
export function predictConversation(pack: EscalationPack, prepared: PreparedConversation): Prediction {
  return toPrediction(prepared.conversation.id, firstEscalation(pack, prepared));
}

/** A first escalation (or none) as the evaluator's prediction. */
export function toPrediction(
  id: string,
  first: { turn: number; decision: EscalateDecision } | null,
): Prediction {
  if (!first) return { id, handoff: false, kind: null, turn: null, team: null, priority: null, reasons: [] };
  const d = first.decision;
  return {
    id,
    handoff: true,
    kind: d.kind,
    turn: first.turn,
    team: d.team,
    priority: d.priority,
    reasons: d.reasons,
  };
}

/** Predictions of every conversation under a policy. */
export function predictAll(pack: EscalationPack, history: readonly PreparedConversation[]): Prediction[] {
  return history.map((p) => predictConversation(pack, p));
}

/** Scores predictions against the labels, in the shape a suggestion's effect reports. */
export function effectScores(
  history: readonly PreparedConversation[],
  predictions: readonly Prediction[],
): EffectScores {
  const s: Scores = evaluateScenarios(
    history.map((p) => p.conversation),
    predictions,
  );
  return {
    precision: round(s.precision),
    recall: round(s.recall),
    f1: round(s.f1),
    needless: round(s.unnecessary_rate),
    teamAccuracy: round(s.team_accuracy),
    handoffs: predictions.filter((p) => p.handoff).length,
    onTime: round(s.on_time_rate),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
