import type { LoadedPack } from '../bot/load-packs.ts';
import { runBotTurn } from '../bot/run-bot-turn.ts';
import type { BotMemory } from '../protocol/bot-memory.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Decision } from '../protocol/decision.ts';
import { assessTurn } from './assess-turn.ts';
import { toEscalationPack } from './escalation-pack.ts';

/** One customer message while the bot holds the conversation, with what the policy needs around it. */
export type AssistTurnInput = {
  text: string;
  /** 1-based index of this customer turn. */
  turn: number;
  memory: BotMemory;
  customer: { tier: string; name?: string; attributes?: Record<string, unknown> };
  /** The BotTurns of the earlier customer turns of this conversation, oldest first. */
  history: readonly BotTurn[];
  /** Minutes since the conversation started. */
  elapsedMinutes: number;
  /** The conversation's channel (`voice` transcripts carry non-verbal marks the policy reads). */
  channel?: string;
  /** Records replacing the pack's tool data (a scenario's `data`): by tool id, then lookup key. */
  toolData?: Record<string, Record<string, unknown>>;
  /** Documents the customer sent with this message, by the kind they were sent for. */
  documents?: readonly { kind: string | null }[];
};

/** What happened on the turn: the bot's understanding and reply, the escalation decision, the new memory. */
export type AssistTurnResult = { botTurn: BotTurn; decision: Decision; memory: BotMemory };

/**
 * The pipeline for a customer message while the bot holds the conversation (the live server and the
 * evaluator both call it): the bot turn, then the detectors and the decision. An emergency decision
 * replaces the reply with the pack's emergency text; an offer adds the question "would you like a person?".
 */
export async function assistTurn(pack: LoadedPack, input: AssistTurnInput): Promise<AssistTurnResult> {
  const { turn: botTurn, memory } = await runBotTurn(pack, {
    text: input.text,
    turn: input.turn,
    memory: input.memory,
    customer: input.customer,
    toolData: input.toolData,
    documents: input.documents,
  });
  const escalation = toEscalationPack(pack.pack);
  const decision = assessTurn(escalation, {
    turns: [...input.history, botTurn],
    customer: { tier: input.customer.tier, attributes: input.customer.attributes ?? {} },
    elapsedMinutes: input.elapsedMinutes,
    channel: input.channel,
    toolData: input.toolData,
  });
  return {
    botTurn: withDecisionReply(botTurn, decision, escalation.emergencyText, escalation.policy.offerText),
    decision,
    memory,
  };
}

/** The reply the customer sees after the decision: emergency text first, or the offer question appended. */
export function withDecisionReply(
  botTurn: BotTurn,
  decision: Decision,
  emergencyText: string | null,
  offerText: string,
): BotTurn {
  if (decision.kind === 'handoff' && decision.emergency) {
    const text = emergencyText ?? 'If this is an emergency, call your local emergency number now.';
    return { ...botTurn, reply: text };
  }
  if (decision.kind === 'offer') {
    return { ...botTurn, reply: botTurn.reply ? `${botTurn.reply}\n\n${offerText}` : offerText };
  }
  return botTurn;
}
