import { AppError } from '../platform/errors.ts';
import type { Conversation } from '../protocol/conversation.ts';
import type { RecordedTurn, TurnOutcome } from './bot-work-store.ts';
import type { HandleMessage } from './bot-worker.ts';
import type { BotResponder, BotResponse } from './conversation-service.ts';
import type { ConversationStore } from './conversation-store.ts';
import type { Appended, NewMessage } from './message-writer.ts';
import { botAnswerAttempts } from './plan-bot-retry.ts';
import type { LifecycleEvent } from './transition.ts';

/** While queued, the bot may still answer simple questions without taking the conversation back. */
const answersWhileWaiting = (r: BotResponse) =>
  ['intent', 'article', 'tool'].includes(String(r.botTurn.replyKind)) && r.replies.length > 0;

/** What the customer is told when the bot failed at their message too often. */
export const botFailureTexts = {
  handoff:
    "I'm sorry, I'm having trouble answering right now. I'm bringing in a person, who will see everything you wrote.",
  waiting:
    "I'm sorry, I couldn't answer that just now. A person will be with you soon and will see everything you wrote.",
  retry: "I'm sorry, I'm having trouble answering right now. Please try again in a moment.",
};

/**
 * One bot turn for one pending customer message, safe to run again after a crash or a failure at any step:
 * the turn is stored once per message (with the bot's memory, in one transaction) together with what it says
 * and does; replies and the handoff note are appended with ids derived from the message's seq, and the
 * handoff applies only while the bot still holds the conversation.
 */
export function createBotTurnRunner(deps: {
  store: ConversationStore;
  respond: BotResponder | null;
  append: (input: NewMessage) => Promise<Appended>;
  apply: (
    id: string,
    event: LifecycleEvent,
    options?: { from?: Conversation['state'] },
  ) => Promise<Conversation>;
  /** The team a conversation of this pack goes to when the bot cannot answer; null: none. */
  fallbackTeam: (pack: string) => string | null;
  now: () => Date;
}): HandleMessage {
  const { store } = deps;

  /** Hands over while the bot holds the conversation; someone else moving it first is not a failure. */
  const handOver = async (conversationId: string, event: Extract<LifecycleEvent, { type: 'handoff' }>) => {
    try {
      await deps.apply(conversationId, event, { from: 'bot' });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'ILLEGAL_TRANSITION')) throw err;
    }
  };

  /** Asks the bot and stores its turn; null when it has nothing to say (a question it leaves to the queue). */
  const decide = async (
    conversation: Conversation,
    seq: number,
    text: string,
  ): Promise<RecordedTurn | null> => {
    if (!deps.respond) return null;
    const history = await store.listTurns(conversation.id);
    const turn = (history.at(-1)?.turn ?? 0) + 1;
    const now = deps.now();
    const response = await deps.respond({
      conversation,
      customer: await store.getCustomer(conversation.customerId),
      text,
      turn,
      memory: await store.getBotMemory(conversation.id),
      history,
      now,
    });
    const waiting = conversation.state === 'queued';
    if (waiting && !answersWhileWaiting(response)) return null;
    const outcome: TurnOutcome = {
      replies: response.replies,
      handoff: waiting ? null : response.handoff,
      whileWaiting: waiting,
    };
    const recorded = await store.bot.recordTurn(
      {
        conversationId: conversation.id,
        turn,
        messageSeq: seq,
        pack: conversation.pack,
        botTurn: response.botTurn,
        decision: response.decision,
        decisionKind: response.decision.kind,
        createdAt: now,
      },
      response.memory,
      outcome,
    );
    if (!recorded) throw new Error(`turn ${turn} of ${conversation.id} was taken by another message`);
    return recorded;
  };

  /** Appends what the stored turn says and applies its handoff; every step is idempotent. */
  const deliver = async (conversationId: string, seq: number, { turn, outcome }: RecordedTurn) => {
    for (const [i, reply] of outcome.replies.entries()) {
      await deps.append({
        conversationId,
        authorKind: 'bot',
        authorId: null,
        text: reply.text,
        clientMessageId: `bot:${seq}:${i}`,
        metadata: { ...(reply.metadata ?? {}), ...(outcome.whileWaiting && { whileWaiting: true }) },
      });
    }
    const handoff = outcome.handoff;
    if (!handoff) return;
    await deps.append({
      conversationId,
      authorKind: 'system',
      authorId: null,
      text: handoff.message,
      clientMessageId: `bot:${seq}:handoff`,
      metadata: { decision: turn.decision, turn: turn.turn },
    });
    await handOver(conversationId, {
      type: 'handoff',
      team: handoff.team,
      priority: handoff.priority,
      mode: handoff.mode,
      requiredSkills: handoff.requiredSkills,
    });
  };

  /** After repeated failures: the customer hears so, and a person takes over where the bot held the conversation. */
  const apologize = async (conversation: Conversation, seq: number) => {
    const team = conversation.state === 'bot' ? deps.fallbackTeam(conversation.pack) : null;
    const text = team
      ? botFailureTexts.handoff
      : conversation.state === 'queued'
        ? botFailureTexts.waiting
        : botFailureTexts.retry;
    await deps.append({
      conversationId: conversation.id,
      authorKind: 'bot',
      authorId: null,
      text,
      clientMessageId: `bot:${seq}:failed`,
      metadata: { event: 'bot_failed' },
    });
    if (team) {
      await handOver(conversation.id, {
        type: 'handoff',
        team,
        priority: 'normal',
        mode: 'cold',
        reasons: [`The assistant failed to answer this message ${botAnswerAttempts} times.`],
      });
    }
  };

  return async (conversationId, message, next) => {
    const conversation = await store.getConversation(conversationId);
    if (!conversation || (conversation.state !== 'bot' && conversation.state !== 'queued')) return;
    const stored = await store.bot.findTurn(conversationId, message.seq);
    if (!stored && next === 'apologize') {
      await apologize(conversation, message.seq);
      return;
    }
    const recorded = stored ?? (await decide(conversation, message.seq, message.text));
    if (recorded) await deliver(conversationId, message.seq, recorded);
  };
}
