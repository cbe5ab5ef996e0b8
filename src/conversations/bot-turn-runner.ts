import { AppError } from '../platform/errors.ts';
import type { Conversation, Message } from '../protocol/conversation.ts';
import { outcomeMessages, type RecordedTurn } from './bot-work-store.ts';
import type { HandleMessage } from './bot-worker.ts';
import type { RespondToCustomer } from './conversation-service.ts';
import type { Appended, NewMessage } from './message-writer.ts';
import { botAnswerAttempts } from './plan-bot-retry.ts';
import type { LifecycleEvent } from './transition.ts';

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
 * the assistant stores the turn once per message (with the bot's memory, in one transaction) together with what
 * it says and does; replies and the handoff note are appended with ids derived from the message's seq, and the
 * handoff, carrying the policy's decision, applies only while the bot still holds the conversation.
 */
export function createBotTurnRunner(deps: {
  respond: RespondToCustomer | null;
  /** Appends a message the bot says in the conversation (as it stood when the turn began). */
  append: (input: NewMessage, conversation: Conversation) => Promise<Appended>;
  /** Publishes a message stored with the turn (after its commit). */
  publish: (message: Message, conversation: Conversation) => Promise<void>;
  apply: (
    id: string,
    event: LifecycleEvent,
    options?: { from?: Conversation['state'] },
  ) => Promise<Conversation>;
  /** The team a conversation of this pack goes to when the bot cannot answer; null: none. */
  fallbackTeam: (pack: string) => string | null;
}): HandleMessage {
  /** Hands over while the bot holds the conversation; someone else moving it first is not a failure. */
  const handOver = async (conversationId: string, event: Extract<LifecycleEvent, { type: 'handoff' }>) => {
    try {
      await deps.apply(conversationId, event, { from: 'bot' });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'ILLEGAL_TRANSITION')) throw err;
    }
  };

  /**
   * Delivers what the stored turn says and applies its handoff; every step is idempotent. A turn stored just now
   * wrote its messages with it (they are published); one stored by an earlier attempt appends them again, which
   * finds the ones already there.
   */
  const deliver = async (conversation: Conversation, seq: number, recorded: RecordedTurn) => {
    const conversationId = conversation.id;
    if (recorded.written) {
      for (const { message, duplicate } of recorded.written)
        if (!duplicate) await deps.publish(message, conversation);
    } else {
      for (const input of outcomeMessages(conversationId, seq, recorded))
        await deps.append(input, conversation);
    }
    const handoff = recorded.outcome.handoff;
    if (!handoff) return;
    const { decision, botTurn } = recorded.turn;
    await handOver(conversationId, {
      type: 'handoff',
      team: handoff.team,
      priority: handoff.priority,
      mode: handoff.mode,
      requiredSkills: handoff.requiredSkills,
      ...(decision.kind !== 'stay' && { decision, intent: botTurn.intent ?? botTurn.topic ?? null }),
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
    await deps.append(
      {
        conversationId: conversation.id,
        authorKind: 'bot',
        authorId: null,
        text,
        clientMessageId: `bot:${seq}:failed`,
        metadata: { event: 'bot_failed' },
      },
      conversation,
    );
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

  return async (_conversationId, { message, conversation, customer, memory, turns, stored }, next) => {
    if (!conversation || (conversation.state !== 'bot' && conversation.state !== 'queued')) return;
    if (!stored && next === 'apologize') {
      await apologize(conversation, message.seq);
      return;
    }
    if (stored) return deliver(conversation, message.seq, stored);
    if (!deps.respond) return;
    const result = await deps.respond({
      conversation,
      messageSeq: message.seq,
      text: message.text,
      context: { turns, customer, memory },
      documents: documentsOf(message.metadata),
    });
    if (result.kind === 'answered') await deliver(conversation, message.seq, result.recorded);
  };
}

/** The documents a customer message carries (written by the documents part), by the kind they were sent for. */
function documentsOf(metadata: Record<string, unknown>): { kind: string | null }[] {
  const docs = metadata.documents;
  if (!Array.isArray(docs)) return [];
  return docs.map((d) => ({
    kind: typeof (d as { kind?: unknown })?.kind === 'string' ? (d as { kind: string }).kind : null,
  }));
}
