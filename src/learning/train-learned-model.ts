import { createContext, topicTeam } from '../escalation/assess-context.ts';
import { decide } from '../escalation/decide.ts';
import type { EscalationPack } from '../escalation/escalation-pack.ts';
import { runDetectors } from '../escalation/run-detectors.ts';
import { MINUTES_PER_TURN } from '../escalation/run-scenario.ts';
import { type Decision, type Priority, priorities } from '../protocol/decision.ts';
import type { LearnedModel } from '../protocol/learned-model.ts';
import type { PreparedConversation } from '../protocol/learning.ts';
import { type Example, fitLinear } from './fit-logistic.ts';
import { type Features, turnFeatures, withTopicTeam } from './turn-features.ts';

/** One labelled turn: its features, whether a person was needed by then, the team, and the policy's decision. */
export type LabelledTurn = {
  conversation: number;
  turn: number;
  features: Features;
  needed: boolean;
  team: string | null;
  /** The priority the handoff should have had (null: none labelled). */
  priority: Priority | null;
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
      priority: c.expect.handoff ? (c.expect.priority ?? null) : null,
      decision,
      topicTeam: topicTeam(context),
    });
  }
  return out;
}

/**
 * Fits the "person needed" model and the team and priority scorers (these on the needed turns, reading the
 * topic's team as a feature); the threshold is set by the caller. A scorer is left out when the labels name
 * fewer than two of its classes.
 */
export function fitLearnedModel(
  turns: readonly LabelledTurn[],
  teams: readonly string[],
  options: { seed?: number; conversations: number; threshold?: number },
): LearnedModel {
  const need: Example[] = turns.map((t) => ({ features: t.features, label: t.needed ? 1 : 0 }));
  const [, positive] = fitLinear(need, 2, { seed: options.seed, binary: true });
  const needed = turns.filter((t) => t.needed);
  return {
    version: 1,
    trainedOn: { conversations: options.conversations, turns: turns.length },
    bias: positive!.bias,
    weights: positive!.weights,
    threshold: options.threshold ?? 0.5,
    teams: fitScorers(needed, teams, (t) => t.team, options.seed).map(({ label, ...s }) => ({
      team: label,
      ...s,
    })),
    priorities: fitScorers(needed, priorities, (t) => t.priority, options.seed).map(({ label, ...s }) => ({
      priority: label,
      ...s,
    })),
  };
}

/** One linear scorer per class the labels name (none when they name fewer than two). */
function fitScorers<L extends string>(
  turns: readonly LabelledTurn[],
  classes: readonly L[],
  labelOf: (t: LabelledTurn) => L | null,
  seed: number | undefined,
): { label: L; bias: number; weights: Record<string, number> }[] {
  const examples: Example[] = [];
  for (const t of turns) {
    const label = labelOf(t);
    if (label === null || !classes.includes(label)) continue;
    examples.push({ features: withTopicTeam(t.features, t.topicTeam), label: classes.indexOf(label) });
  }
  const seen = new Set(examples.map((e) => e.label));
  if (seen.size < 2) return [];
  const models = fitLinear(examples, classes.length, { seed });
  return classes.flatMap((label, i) => (seen.has(i) && models[i] ? [{ label, ...models[i] }] : []));
}
