import type { Logger } from 'pino';
import type { EventBus } from '../platform/bus.ts';
import { fail } from '../platform/errors.ts';
import type { TokenSigner } from '../platform/tokens.ts';
import type { Conversation, Customer, Message, Priority } from '../protocol/conversation.ts';
import type { ConversationStore, NewCustomer, StoredTurn } from './conversation-store.ts';
import {
  type Appended,
  ConversationClosedError,
  type NewMessage,
  UnknownConversationError,
} from './message-writer.ts';
import { type LifecycleEvent, transition } from './transition.ts';

/** What the bot (or any assistant) answers to one customer message while it holds the conversation. */
export type BotResponse = {
  replies: { text: string; metadata?: Record<string, unknown> }[];
  memory: Record<string, unknown>;
  botTurn: Record<string, unknown>;
  decision: Record<string, unknown> & { kind: string };
  handoff: {
    team: string;
    priority: Priority;
    message: string;
    mode: 'warm' | 'cold';
    requiredSkills: string[];
  } | null;
};

/** The assistant port: the composition root plugs the pack bot and escalation policy in here. */
export type BotResponder = (input: {
  conversation: Conversation;
  customer: Customer | null;
  text: string;
  turn: number;
  memory: Record<string, unknown>;
  history: StoredTurn[];
  now: Date;
}) => Promise<BotResponse>;

/** Events published on the bus, per conversation topic and on the console inbox topic. */
export type ConversationEvent =
  | { type: 'message'; message: Message }
  | { type: 'conversation'; conversation: Conversation };

export const conversationTopic = (id: string) => `conversation:${id}`;
export const inboxTopic = 'inbox';

/** What other parts (routing, analytics, webhooks) hear about after it is stored. */
export type ConversationHookEvent =
  | { type: 'lifecycle'; event: LifecycleEvent; conversation: Conversation; previous: Conversation }
  | { type: 'agent_message'; conversation: Conversation; message: Message };

/** Customer tokens last long enough for a conversation to be resumed days later. */
const customerTokenSeconds = 30 * 24 * 3600;

/** The conversation use cases: load, decide with the pure state machine, store, publish. */
export type ConversationService = ReturnType<typeof createConversationService>;

export function createConversationService(deps: {
  store: ConversationStore;
  bus: EventBus;
  tokens: TokenSigner;
  now: () => Date;
  log: Logger;
  maxMessageChars: number;
  respond: BotResponder | null;
  packExists: (id: string) => boolean;
  defaultPack: string;
}) {
  const { store, bus, log } = deps;
  // Bot turns of one conversation run one after another, in message order.
  const botChains = new Map<string, Promise<void>>();
  const listeners: ((e: ConversationHookEvent) => Promise<void>)[] = [];
  /** Lets the routing (and others) enrich what customers see of a queued conversation. */
  let describeQueue: ((c: Conversation) => Promise<Conversation>) | null = null;
  const notify = async (e: ConversationHookEvent) => {
    for (const listener of listeners) {
      try {
        await listener(e);
      } catch (err) {
        log.error({ err, event: e.type }, 'conversation listener failed');
      }
    }
  };

  const publishMessage = async (message: Message) => {
    await bus.publish(conversationTopic(message.conversationId), {
      type: 'message',
      message,
    } satisfies ConversationEvent);
  };
  const publishConversation = async (plain: Conversation) => {
    const conversation = describeQueue && plain.state === 'queued' ? await describeQueue(plain) : plain;
    const event: ConversationEvent = { type: 'conversation', conversation };
    await Promise.all([
      bus.publish(conversationTopic(conversation.id), event),
      bus.publish(inboxTopic, event),
    ]);
  };

  const mustGet = async (id: string) => {
    const found =
      (await store.getConversation(id)) ?? fail('CONVERSATION_NOT_FOUND', `no conversation ${id}`);
    return describeQueue && found.state === 'queued' ? describeQueue(found) : found;
  };

  const append = async (input: NewMessage) => {
    let appended: Appended;
    try {
      appended = await deps.store.writer.append(input);
    } catch (err) {
      if (err instanceof UnknownConversationError)
        fail('CONVERSATION_NOT_FOUND', `no conversation ${input.conversationId}`);
      if (err instanceof ConversationClosedError)
        fail('ILLEGAL_TRANSITION', 'the conversation is closed; start a new one');
      throw err;
    }
    if (!appended.duplicate) {
      // The message is durable: a lost live push is caught up by the subscribers' gap fill, never an error.
      await publishMessage(appended.message).catch((err: unknown) =>
        log.warn({ err, conversationId: input.conversationId }, 'publishing a stored message failed'),
      );
    }
    return appended;
  };

  const systemNote = (
    conversationId: string,
    text: string,
    metadata: Record<string, unknown> = {},
    internal = false,
  ) =>
    append({
      conversationId,
      authorKind: 'system',
      authorId: null,
      text,
      clientMessageId: null,
      internal,
      metadata,
    });

  /** Applies a lifecycle event; refuses illegal ones with ILLEGAL_TRANSITION and retries once on a lost race. */
  const apply = async (
    id: string,
    event: LifecycleEvent,
    /** Only from this state (timers that must not act on a conversation that moved meanwhile). */
    from?: Conversation['state'],
  ): Promise<Conversation> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await mustGet(id);
      if (from && current.state !== from) {
        fail('ILLEGAL_TRANSITION', `the conversation is ${current.state}, no longer ${from}`, {
          state: current.state,
          event: event.type,
        });
      }
      const result = transition(current, event, deps.now());
      if (!result.ok) fail('ILLEGAL_TRANSITION', result.reason, { state: current.state, event: event.type });
      const updated = await store.applyLifecycle(id, current.state, result.next, deps.now());
      if (updated) {
        await publishConversation(updated);
        await notify({ type: 'lifecycle', event, conversation: updated, previous: current });
        return updated;
      }
    }
    fail('CONFLICT', 'the conversation changed while updating it; try again');
  };

  /** While queued, the bot may still answer simple questions without taking the conversation back. */
  const answersWhileWaiting = (r: BotResponse) =>
    ['intent', 'article', 'tool'].includes(String(r.botTurn.replyKind)) && r.replies.length > 0;

  const runBot = async (conversation: Conversation, message: Message) => {
    if (!deps.respond) return;
    const waiting = conversation.state === 'queued';
    const history = await store.listTurns(conversation.id);
    if (history.some((t) => t.messageSeq === message.seq)) return;
    const customer = await store.getCustomer(conversation.customerId);
    const memory = await store.getBotMemory(conversation.id);
    const turn = (history.at(-1)?.turn ?? 0) + 1;
    const now = deps.now();
    const response = await deps.respond({
      conversation,
      customer,
      text: message.text,
      turn,
      memory,
      history,
      now,
    });
    if (waiting && !answersWhileWaiting(response)) return;
    await store.setBotMemory(conversation.id, response.memory);
    await store.saveTurn({
      conversationId: conversation.id,
      turn,
      messageSeq: message.seq,
      pack: conversation.pack,
      botTurn: response.botTurn,
      decision: response.decision,
      decisionKind: response.decision.kind,
      createdAt: now,
    });
    for (const reply of response.replies) {
      await append({
        conversationId: conversation.id,
        authorKind: 'bot',
        authorId: null,
        text: reply.text,
        clientMessageId: `bot:${message.seq}:${response.replies.indexOf(reply)}`,
        metadata: { ...(reply.metadata ?? {}), ...(waiting && { whileWaiting: true }) },
      });
    }
    if (response.handoff && !waiting) {
      await systemNote(conversation.id, response.handoff.message, { decision: response.decision, turn });
      await apply(conversation.id, {
        type: 'handoff',
        team: response.handoff.team,
        priority: response.handoff.priority,
        mode: response.handoff.mode,
        requiredSkills: response.handoff.requiredSkills,
      });
    }
  };

  const scheduleBot = (conversationId: string, message: Message): Promise<void> => {
    const previous = botChains.get(conversationId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const fresh = await mustGet(conversationId);
        if (fresh.state === 'bot' || fresh.state === 'queued') await runBot(fresh, message);
      })
      .catch((err: unknown) => {
        log.error({ err, conversationId: conversationId }, 'bot turn failed');
      });
    botChains.set(conversationId, next);
    void next.finally(() => {
      if (botChains.get(conversationId) === next) botChains.delete(conversationId);
    });
    return next;
  };

  return {
    publishConversation,
    systemNote,
    apply,
    /** Subscribes to stored lifecycle changes and agent replies, in this instance. */
    onEvent(listener: (e: ConversationHookEvent) => Promise<void>) {
      listeners.push(listener);
    },
    setQueueDescriber(fn: (c: Conversation) => Promise<Conversation>) {
      describeQueue = fn;
    },
    /** Waits for the bot turns in flight (tests, shutdown). */
    async settle() {
      while (botChains.size > 0) await Promise.all([...botChains.values()]);
    },

    /** Opens a conversation and returns the token that grants access to it alone. */
    async start(input: { pack?: string; channel?: string; customer?: NewCustomer }) {
      const pack = input.pack ?? deps.defaultPack;
      if (!deps.packExists(pack)) fail('PACK_NOT_FOUND', `no pack "${pack}"`);
      const now = deps.now();
      const { conversation, customer } = await store.createConversation({
        pack,
        channel: input.channel ?? 'web',
        customer: input.customer ?? {},
        now,
      });
      const exp = Math.floor(now.getTime() / 1000) + customerTokenSeconds;
      const customerToken = deps.tokens.sign({
        kind: 'customer',
        conversationId: conversation.id,
        customerId: customer.id,
        exp,
      });
      await publishConversation(conversation);
      return { conversation, customer, customerToken };
    },

    get: mustGet,
    /** The conversation as stored, without queue position or wait estimate. */
    getPlain: async (id: string) =>
      (await store.getConversation(id)) ?? fail('CONVERSATION_NOT_FOUND', `no conversation ${id}`),
    getCustomer: (id: string) => store.getCustomer(id),
    listMessages: (id: string, after: number, limit?: number) => store.listMessages(id, after, limit),
    listTurns: (id: string) => store.listTurns(id),
    listOpen: () => store.listOpen(),
    lastMessages: (ids: string[]) => store.lastMessages(ids),

    /** Stores a message from another system's transcript as it was (no bot turn runs). */
    async importMessage(
      conversationId: string,
      input: {
        authorKind: Message['authorKind'];
        text: string;
        clientMessageId: string;
        metadata: Record<string, unknown>;
      },
    ) {
      const conversation = await mustGet(conversationId);
      const authorId = input.authorKind === 'customer' ? conversation.customerId : null;
      return append({ conversationId, authorId, ...input });
    },

    /** A customer's message: durable first, then the bot answers while it holds the conversation. */
    async postCustomerMessage(conversationId: string, text: string, clientMessageId: string) {
      if (text.length > deps.maxMessageChars) {
        fail(
          'MESSAGE_TOO_LONG',
          `message is ${text.length} characters; the limit is ${deps.maxMessageChars}`,
        );
      }
      // The write itself reads the conversation's state under its lock: no separate read per message.
      const { message, duplicate, conversationState } = await append({
        conversationId,
        authorKind: 'customer',
        authorId: null,
        text,
        clientMessageId,
      });
      let state = conversationState;
      if (state === 'resolved' && !duplicate) state = (await apply(conversationId, { type: 'reopen' })).state;
      const botDone =
        !duplicate && (state === 'bot' || state === 'queued')
          ? scheduleBot(conversationId, message)
          : Promise.resolve();
      return { message, duplicate, botDone };
    },

    /** An agent's reply or internal note. */
    async postAgentMessage(
      conversationId: string,
      agent: { id: string; role: string },
      text: string,
      clientMessageId: string,
      internal: boolean,
    ) {
      if (text.length > deps.maxMessageChars) {
        fail(
          'MESSAGE_TOO_LONG',
          `message is ${text.length} characters; the limit is ${deps.maxMessageChars}`,
        );
      }
      const conversation = await mustGet(conversationId);
      if (!internal && (conversation.state !== 'assigned' || conversation.assigneeId !== agent.id)) {
        fail(
          'FORBIDDEN',
          'take the conversation before replying to the customer (internal notes are always allowed)',
        );
      }
      const appended = await append({
        conversationId,
        authorKind: 'agent',
        authorId: agent.id,
        text,
        clientMessageId,
        internal,
      });
      if (!internal && !appended.duplicate) {
        await notify({ type: 'agent_message', conversation, message: appended.message });
      }
      return appended;
    },

    /**
     * Publishes and announces a lifecycle change that another part stored under its own row locks (routing's
     * manual take), with the messages it wrote in that same transaction.
     */
    async announce(
      event: LifecycleEvent,
      conversation: Conversation,
      previous: Conversation,
      written: Message[],
    ) {
      for (const message of written) await publishMessage(message);
      await publishConversation(conversation);
      await notify({ type: 'lifecycle', event, conversation, previous });
    },

    async resolve(conversationId: string, agent: { id: string; name: string }) {
      const updated = await apply(conversationId, { type: 'resolve' });
      await systemNote(conversationId, `${agent.name} marked the conversation resolved`, {
        event: 'resolved',
        agentId: agent.id,
      });
      return updated;
    },

    async handBack(conversationId: string, agent: { id: string; name: string }, summary: string | undefined) {
      const updated = await apply(conversationId, { type: 'hand_back' });
      const { message } = await systemNote(
        conversationId,
        `${agent.name} handed the conversation back to the assistant`,
        {
          event: 'handed_back',
          agentId: agent.id,
          summary: summary ?? null,
        },
      );
      // The bot resumes knowing what the agent did, and judges only what is said from here on.
      const memory = await store.getBotMemory(conversationId);
      await store.setBotMemory(conversationId, {
        ...memory,
        flow: null,
        awaiting: null,
        handBack: { summary: summary ?? null, agent: agent.name, seq: message.seq },
      });
      return updated;
    },
  };
}
