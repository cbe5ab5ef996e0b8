import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import type { Conversation, ConversationState, Customer, Message } from '../protocol/conversation.ts';
import type { ConversationHookEvent } from './conversation-service.ts';
import type { ConversationStore, ConversationTx, NewCustomer } from './conversation-store.ts';
import {
  type Appended,
  ConversationClosedError,
  type NewMessage,
  UnknownConversationError,
} from './message-writer.ts';
import { type LifecycleEvent, transition } from './transition.ts';

/** The writes of one change, made in its transaction; its messages are published once it commits. */
export type ChangeScope = {
  conversationId: string;
  /** The transaction, for other parts' stores (a ticket, an offer) to write in it. */
  db: Db;
  /** A system note; internal notes are for agents only. */
  note: (text: string, metadata?: Record<string, unknown>, internal?: boolean) => Promise<Message>;
  /** Messages of any author in one statement (a transcript brought from elsewhere), in order. */
  append: (inputs: Omit<NewMessage, 'conversationId'>[]) => Promise<Message[]>;
  /** One message, with whether it was already there and the conversation's state when written. */
  appendOne: (input: Omit<NewMessage, 'conversationId'>) => Promise<Appended>;
  getBotMemory: () => Promise<Record<string, unknown>>;
  setBotMemory: (memory: Record<string, unknown>) => Promise<void>;
};

/** What else belongs to a lifecycle change; all of it commits with the change or none of it does. */
/** The case a new conversation continues, and the note that tells the agent so; null to start its own. */
export type ContinueCase = (
  db: Db,
  opened: { conversationId: string; customer: Customer },
) => Promise<{ caseId: string; note: string; metadata: Record<string, unknown> } | null>;

export type ApplyOptions = {
  /** Only from this state (timers that must not act on a conversation that moved meanwhile). */
  from?: ConversationState;
  /** Writes before the conversation row is locked (rows other transactions lock before it, such as offers). */
  before?: (scope: ChangeScope) => Promise<void>;
  /** Writes after the lifecycle change (notes, bot memory). */
  with?: (scope: ChangeScope, updated: Conversation) => Promise<void>;
};

/** The compare-and-set lost inside a transaction: roll everything back and try again. */
class LostRace extends Error {}

/** Maps the message writer's refusals to coded errors. */
export function appendFailure(err: unknown, conversationId: string): never {
  if (err instanceof UnknownConversationError)
    fail('CONVERSATION_NOT_FOUND', `no conversation ${conversationId}`);
  if (err instanceof ConversationClosedError)
    fail('ILLEGAL_TRANSITION', 'the conversation is closed; start a new one');
  throw err;
}

/** Changes of several writes, each one database transaction: stored whole or not at all, published after commit. */
export function createConversationChanges(deps: {
  store: ConversationStore;
  now: () => Date;
  /** The conversation as customers see it (queue details); read outside transactions. */
  get: (id: string) => Promise<Conversation>;
  publishMessage: (message: Message) => Promise<void>;
  publishConversation: (conversation: Conversation) => Promise<void>;
  notify: (e: ConversationHookEvent) => Promise<void>;
}) {
  const { store } = deps;

  const scopeOf = (tx: ConversationTx, conversationId: string, stored: Message[]): ChangeScope => {
    const append = async (inputs: Omit<NewMessage, 'conversationId'>[]) => {
      const appended = await tx
        .append(inputs.map((input) => ({ ...input, conversationId })))
        .catch((err: unknown) => appendFailure(err, conversationId));
      for (const a of appended) if (!a.duplicate) stored.push(a.message);
      return appended.map((a) => a.message);
    };
    return {
      conversationId,
      db: tx.db,
      append,
      appendOne: async (input) => {
        const [appended] = await tx
          .append([{ ...input, conversationId }])
          .catch((err: unknown) => appendFailure(err, conversationId));
        if (!appended) throw new Error('the message writer returned nothing');
        if (!appended.duplicate) stored.push(appended.message);
        return appended;
      },
      note: async (text, metadata = {}, internal = false) => {
        const [note] = await append([
          { authorKind: 'system', authorId: null, text, clientMessageId: null, internal, metadata },
        ]);
        return note!;
      },
      getBotMemory: () => tx.getBotMemory(conversationId),
      setBotMemory: (memory) => tx.setBotMemory(conversationId, memory),
    };
  };

  /** After commit: the conversation (with the seq its new messages reached), then the messages. */
  const publish = async (conversation: Conversation | null, messages: Message[]) => {
    const lastSeq = Math.max(conversation?.lastSeq ?? 0, ...messages.map((m) => m.seq));
    const shown = conversation && { ...conversation, lastSeq };
    if (shown) await deps.publishConversation(shown);
    for (const message of messages) {
      // Durable already: a lost live push is caught up by the subscribers' gap fill.
      await deps.publishMessage(message).catch(() => {});
    }
    return shown;
  };

  return {
    /** Applies a lifecycle event with what belongs to it; refuses illegal ones and retries a lost race. */
    async apply(id: string, event: LifecycleEvent, options: ApplyOptions = {}): Promise<Conversation> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await deps.get(id);
        if (options.from && current.state !== options.from) {
          fail('ILLEGAL_TRANSITION', `the conversation is ${current.state}, no longer ${options.from}`, {
            state: current.state,
            event: event.type,
          });
        }
        const result = transition(current, event, deps.now());
        if (!result.ok)
          fail('ILLEGAL_TRANSITION', result.reason, { state: current.state, event: event.type });
        const messages: Message[] = [];
        let updated: Conversation | null;
        if (!options.before && !options.with) {
          updated = await store.applyLifecycle(id, current.state, result.next, deps.now());
        } else {
          try {
            updated = await store.change(async (tx) => {
              const scope = scopeOf(tx, id, messages);
              await options.before?.(scope);
              const changed = await tx.applyLifecycle(id, current.state, result.next, deps.now());
              if (!changed) throw new LostRace();
              await options.with?.(scope, changed);
              return changed;
            });
          } catch (err) {
            if (err instanceof LostRace) continue;
            throw err;
          }
        }
        if (!updated) continue;
        const shown = (await publish(updated, messages))!;
        await deps.notify({ type: 'lifecycle', event, conversation: shown, previous: current });
        return shown;
      }
      fail('CONFLICT', 'the conversation changed while updating it; try again');
    },

    /** Several writes about one conversation without a lifecycle change (a ticket and its note). */
    async change<T>(conversationId: string, work: (scope: ChangeScope) => Promise<T>): Promise<T> {
      const messages: Message[] = [];
      const result = await store.change((tx) => work(scopeOf(tx, conversationId, messages)));
      await publish(null, messages);
      return result;
    },

    /**
     * Opens a conversation, with what is written into it and the lifecycle event it starts with (a handoff
     * from another bot), as one transaction: no conversation is left behind when any step is refused.
     */
    async open(
      input: { pack: string; channel: string; customer: NewCustomer },
      options: {
        with?: (scope: ChangeScope) => Promise<void>;
        apply?: LifecycleEvent;
        continueCase?: ContinueCase;
      } = {},
    ): Promise<{ conversation: Conversation; customer: Customer }> {
      const now = deps.now();
      const messages: Message[] = [];
      const opened = await store.change(async (tx) => {
        const created = await tx.createConversation({ ...input, now });
        const scope = scopeOf(tx, created.conversation.id, messages);
        const continued = await options.continueCase?.(tx.db, {
          conversationId: created.conversation.id,
          customer: created.customer,
        });
        if (continued) {
          await tx.setCase(created.conversation.id, continued.caseId);
          created.conversation = { ...created.conversation, caseId: continued.caseId };
          await scope.note(continued.note, { event: 'case_continued', ...continued.metadata }, true);
        }
        await options.with?.(scope);
        if (!options.apply) return { ...created, previous: created.conversation };
        const result = transition(created.conversation, options.apply, now);
        if (!result.ok)
          fail('ILLEGAL_TRANSITION', result.reason, { state: 'bot', event: options.apply.type });
        const updated =
          (await tx.applyLifecycle(created.conversation.id, created.conversation.state, result.next, now)) ??
          fail('CONFLICT', 'the conversation changed while opening it; try again');
        return { conversation: updated, customer: created.customer, previous: created.conversation };
      });
      const shown = (await publish(opened.conversation, messages))!;
      if (options.apply)
        await deps.notify({
          type: 'lifecycle',
          event: options.apply,
          conversation: shown,
          previous: opened.previous,
        });
      return { conversation: shown, customer: opened.customer };
    },
  };
}
