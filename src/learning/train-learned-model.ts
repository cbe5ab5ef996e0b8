import { createContext, topicTeam } from '../escalation/assess-context.ts';
import { decide } from '../escalation/decide.ts';
import type { EscalationPack } from '../escalation/escalation-pack.ts';
import { runDetectors } from '../escalation/run-detectors.ts';
import { MINUTES_PER_TURN } from '../escalation/run-scenario.ts';
import type { Decision } from '../protocol/decision.ts';
import type { LearnedModel } from '../protocol/learned-model.ts';
import type { PreparedConversation } from '../protocol/learning.ts';
import { type Example, fitLinear } from './fit-logistic.ts';
import { type Features, turnFeatures } from './turn-features.ts';

/** One labelled turn: its features, whether a person was needed by then, the team, and the policy's decision. */
export type LabelledTurn = {
  conversation: number;
  turn: number;
  features: Features;
  needed: boolean;
  team: string | null;
  /** What the pack's policy without a learned signal decided on this turn. */
  decision: Decision;
  /** The team owning the conversation's topic on this turn. */
  topicTeam: string;
};

/**
 * The labelled turns of a history under a pack's policy (its learned signal left out): features from the
 * detectors' signals and the text, label = the conversation needed a person at or before this turn. Pure.
 */
export function labelTurns(pack: EscalationPack, history: readonly PreparedConversation[]): LabelledTurn[] {
  let memo = labelled.get(pack);
  if (!memo) {
    memo = new WeakMap();
    labelled.set(pack, memo);
  }
  const out: LabelledTurn[] = [];
  history.forEach((prepared, conversation) => {
    let turns = memo.get(prepared);
    if (!turns) {
      turns = labelConversation(pack, prepared);
      memo.set(prepared, turns);
    }
    for (const t of turns) out.push({ ...t, conversation });
  });
  return out;
}

/** Labelled turns per pack and conversation: the folds label the same conversations many times. */
const labelled = new WeakMap<EscalationPack, WeakMap<PreparedConversation, LabelledTurn[]>>();

function labelConversation(pack: EscalationPack, prepared: PreparedConversation): LabelledTurn[] {
  const plain: EscalationPack = pack.policy.learned
    ? { ...pack, policy: { ...pack.policy, learned: undefined } }
    : pack;
  const out: LabelledTurn[] = [];
  const conversation = -1;
  const c = prepared.conversation;
  const customer = { tier: c.customer?.tier ?? 'standard', attributes: c.customer?.attributes ?? {} };
  for (let i = 0; i < prepared.turns.length; i++) {
    const context = createContext(plain, {
      turns: prepared.turns.slice(0, i + 1),
      customer,
      elapsedMinutes: i * MINUTES_PER_TURN,
      toolData: c.data,
    });
    const signals = runDetectors(context);
    const decision = decide({ context, signals });
    const needed = c.expect.handoff && i + 1 >= c.expect.turn;
    out.push({
      conversation,
      turn: i + 1,
      features: turnFeatures(prepared.turns.slice(0, i + 1), signals),
      needed,
      team: c.expect.handoff ? c.expect.team : null,
      decision,
      topicTeam: topicTeam(context),
    });
  }
  return out;
}

/** Fits the "person needed" model and the team scorers on labelled turns; the threshold is set by the caller. */
export function fitLearnedModel(
  turns: readonly LabelledTurn[],
  teams: readonly string[],
  options: { seed?: number; conversations: number; threshold?: number },
): LearnedModel {
  const need: Example[] = turns.map((t) => ({ features: t.features, label: t.needed ? 1 : 0 }));
  const [, positive] = fitLinear(need, 2, { seed: options.seed, binary: true });
  const teamExamples: Example[] = turns
    .filter((t) => t.needed && t.team && teams.includes(t.team))
    .map((t) => ({ features: t.features, label: teams.indexOf(t.team!) }));
  const teamModels =
    teamExamples.length > 0 ? fitLinear(teamExamples, Math.max(teams.length, 2), { seed: options.seed }) : [];
  const seen = new Set(teamExamples.map((e) => e.label));
  return {
    version: 1,
    trainedOn: { conversations: options.conversations, turns: turns.length },
    bias: positive!.bias,
    weights: positive!.weights,
    threshold: options.threshold ?? 0.5,
    teams: teams.flatMap((team, i) => (seen.has(i) && teamModels[i] ? [{ team, ...teamModels[i] }] : [])),
  };
}
