import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EventBus } from '../platform/bus.ts';
import { fail } from '../platform/errors.ts';
import type { TokenSigner } from '../platform/tokens.ts';
import type { Conversation, Customer, Message } from '../protocol/conversation.ts';
import { conversationTopic, inboxTopic } from '../protocol/topics.ts';
import { createBotTurnRunner } from './bot-turn-runner.ts';
import type { RecordedTurn } from './bot-work-store.ts';
import { createBotWorker } from './bot-worker.ts';
import {
  type ApplyOptions,
  appendFailure,
  type ChangeScope,
  type ContinueCase,
  createConversationChanges,
} from './conversation-changes.ts';
import type { ConversationStore, NewCustomer, StoredTurn } from './conversation-store.ts';
import type { InboxCursor } from './inbox-cursor.ts';
import type { Appended, NewMessage } from './message-writer.ts';
import { rememberHandBack } from './remember-hand-back.ts';
import type { LifecycleEvent } from './transition.ts';

/** The outcome of a customer's turn: stored with what it says and does, or left for the person the customer waits for. */
export type CustomerTurnResult = { kind: 'answered'; recorded: RecordedTurn } | { kind: 'left_to_queue' };

/**
 * The assistant port: answers one pending customer message while the bot holds the conversation (or it waits
 * in the queue) and stores the turn once; the composition root plugs `assistant/respond-to-customer` in here.
 */
export type RespondToCustomer = (input: {
  conversation: Conversation;
  messageSeq: number;
  text: string;
  /** What the turn reads, already loaded with the message (the worker reads it in one statement); else read. */
  context?: { turns: StoredTurn[]; customer: Customer | null; memory: Record<string, unknown> };
  /** Documents sent with the message, by the kind they were sent for. */
  documents?: readonly { kind: string | null }[];
}) => Promise<CustomerTurnResult>;

/** Events published on the bus, per conversation topic and on the console inbox topic. */
export type ConversationEvent =
  | { type: 'message'; message: Message }
  | { type: 'conversation'; conversation: Conversation }
  /** Live only, never stored: someone in the conversation is typing. */
  | {
      type: 'typing';
      conversationId: string;
      authorKind: 'customer' | 'agent';
      name: string | null;
      typing: boolean;
    };

/** What other parts (routing, analytics, webhooks) hear about after it is stored. */
export type ConversationHookEvent =
  | { type: 'lifecycle'; event: LifecycleEvent; conversation: Conversation; previous: Conversation }
  | { type: 'agent_message'; conversation: Conversation; message: Message }
  /** The bot said something to the customer (a reply, or the handoff note): channels deliver it. */
  | { type: 'bot_message'; conversation: Conversation; message: Message }
  /** A conversation was opened (by a customer, or by another bot's handoff). */
  | { type: 'created'; conversation: Conversation };

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
  respond: RespondToCustomer | null;
  packExists: (id: string) => boolean;
  defaultPack: string;
  /** The team a conversation goes to when the bot keeps failing at a message; none by default. */
  fallbackTeam?: (pack: string) => string | null;
  /** How long a worker holds a conversation's pending bot turns before another instance may take over. */
  botLeaseMs?: number;
  /** Names this instance in bot leases (logs and debugging); a random suffix keeps it unique per process. */
  instanceId?: string;
  /** Finds the open case a known customer's new conversation continues (their timeline); none by default. */
  continueCase?: ContinueCase;
}) {
  const { store, bus, log } = deps;
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
      appendFailure(err, input.conversationId);
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

  const changes = createConversationChanges({
    store,
    now: deps.now,
    get: mustGet,
    publishMessage,
    publishConversation,
    notify,
  });
  /** Applies a lifecycle event (with its notes and other writes, in one transaction); refuses illegal ones. */
  const apply = (id: string, event: LifecycleEvent, options: ApplyOptions = {}) =>
    changes.apply(id, event, options);

  /** Tells the change subscribers what the assistant said (a reply or a note the customer sees). */
  const announceBotMessage = async (message: Message, conversation: Conversation) => {
    if (!message.internal) await notify({ type: 'bot_message', conversation, message });
  };
  const worker = createBotWorker({
    work: store.bot,
    handle: createBotTurnRunner({
      respond: deps.respond,
      // What the bot tells the customer is announced once stored, for channels that carry it out.
      append: async (input, conversation) => {
        const appended = await append(input);
        if (!appended.duplicate) await announceBotMessage(appended.message, conversation);
        return appended;
      },
      publish: (message, conversation) =>
        publishMessage(message)
          .then(() => announceBotMessage(message, conversation))
          .catch((err: unknown) =>
            log.warn({ err, conversationId: message.conversationId }, 'publishing a stored message failed'),
          ),
      apply,
      fallbackTeam: deps.fallbackTeam ?? (() => null),
    }),
    now: deps.now,
    log,
    owner: `${deps.instanceId ?? 'baton'}:${randomUUID()}`,
    leaseMs: deps.botLeaseMs ?? 30_000,
  });

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
    /** Waits for the bot turns in flight in this instance (tests, shutdown). */
    settle: () => worker.settle(),
    /** Answers pending customer messages nobody works on (after a crash or a failed turn); any instance may run it. */
    sweepBotWork: () => worker.sweep(),
    /** Stops answering, finishes the turn in flight and gives the leases back (shutdown). */
    stopBotWork: () => worker.stop(),

    /**
     * Opens a conversation and returns the token that grants access to it alone; what `with` writes into it
     * and the lifecycle event `apply` (a handoff from another bot) commit with it, or nothing does.
     */
    async start(input: {
      pack?: string;
      channel?: string;
      customer?: NewCustomer;
      with?: (scope: ChangeScope) => Promise<void>;
      apply?: LifecycleEvent;
    }) {
      const pack = input.pack ?? deps.defaultPack;
      if (!deps.packExists(pack)) fail('PACK_NOT_FOUND', `no pack "${pack}"`);
      const { conversation, customer } = await changes.open(
        { pack, channel: input.channel ?? 'web', customer: input.customer ?? {} },
        { with: input.with, apply: input.apply, continueCase: deps.continueCase },
      );
      await notify({ type: 'created', conversation });
      const now = deps.now();
      const exp = Math.floor(now.getTime() / 1000) + customerTokenSeconds;
      const customerToken = deps.tokens.sign({
        kind: 'customer',
        conversationId: conversation.id,
        customerId: customer.id,
        exp,
      });
      return { conversation, customer, customerToken };
    },

    get: mustGet,
    /** The conversation as stored, without queue position or wait estimate. */
    getPlain: async (id: string) =>
      (await store.getConversation(id)) ?? fail('CONVERSATION_NOT_FOUND', `no conversation ${id}`),
    getCustomer: (id: string) => store.getCustomer(id),
    listMessages: (id: string, after: number, limit?: number) => store.listMessages(id, after, limit),
    listTurns: (id: string) => store.listTurns(id),
    /** Every conversation queued for or assigned to a person, most urgent and longest waiting first. */
    listWithPeople: () => store.listWithPeople(),
    /** A page of the conversations the bot holds, newest first, after the cursor. */
    listWithBot: (cursor: InboxCursor | null, limit: number) => store.listWithBot(cursor, limit),
    getCustomers: (ids: string[]) => store.getCustomers(ids),
    lastMessages: (ids: string[]) => store.lastMessages(ids),

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
        // Durable with the message: any instance answers it, even if this one dies right after the ack.
        awaitsBot: deps.respond !== null,
      });
      let state = conversationState;
      if (state === 'resolved' && !duplicate) state = (await apply(conversationId, { type: 'reopen' })).state;
      // A retried message may still be unanswered (its first instance died): asking again is a cheap no-op.
      const botDone = state === 'bot' || state === 'queued' ? worker.kick(conversationId) : Promise.resolve();
      return { message, duplicate, botDone };
    },

    /**
     * A customer's message with other writes in its transaction (documents it carries): stored together or not
     * at all; the same clientMessageId again writes nothing (`with` is told so) and returns the stored message.
     */
    async postCustomerMessageWith<T>(
      conversationId: string,
      input: { text: string; clientMessageId: string; metadata?: Record<string, unknown> },
      write: (scope: ChangeScope, message: Appended) => Promise<T>,
    ) {
      const { appended, result } = await changes.change(conversationId, async (scope) => {
        const appended = await scope.appendOne({
          authorKind: 'customer',
          authorId: null,
          text: input.text,
          clientMessageId: input.clientMessageId,
          metadata: input.metadata ?? {},
          awaitsBot: deps.respond !== null,
        });
        return { appended, result: await write(scope, appended) };
      });
      let state = appended.conversationState;
      if (state === 'resolved' && !appended.duplicate)
        state = (await apply(conversationId, { type: 'reopen' })).state;
      const botDone = state === 'bot' || state === 'queued' ? worker.kick(conversationId) : Promise.resolve();
      return { message: appended.message, duplicate: appended.duplicate, botDone, result };
    },

    /** An agent's reply or internal note. */
    async postAgentMessage(
      conversationId: string,
      agent: { id: string; role: string; name?: string },
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
        // The customer sees who answers them by the agent's display name, not the login.
        ...(agent.name && { metadata: { authorName: agent.name } }),
      });
      if (!internal && !appended.duplicate) {
        await notify({ type: 'agent_message', conversation, message: appended.message });
      }
      return appended;
    },

    /**
     * Relays that the customer or the assigned agent is typing to the other side, live over the bus; nothing is
     * stored. An agent signals only on a conversation assigned to them; the customer's name comes from their profile.
     */
    async signalTyping(
      conversationId: string,
      who: { kind: 'customer' } | { kind: 'agent'; id: string; name: string },
      typing: boolean,
    ) {
      const conversation =
        (await store.getConversation(conversationId)) ??
        fail('CONVERSATION_NOT_FOUND', `no conversation ${conversationId}`);
      if (who.kind === 'agent' && (conversation.state !== 'assigned' || conversation.assigneeId !== who.id)) {
        // Stopping is harmless news (the agent just lost the conversation); typing to someone else's customer is not.
        if (!typing) return;
        fail('FORBIDDEN', 'only the assigned agent can type to the customer');
      }
      const name =
        who.kind === 'agent' ? who.name : ((await store.getCustomer(conversation.customerId))?.name ?? null);
      await bus.publish(conversationTopic(conversationId), {
        type: 'typing',
        conversationId,
        authorKind: who.kind,
        name,
        typing,
      } satisfies ConversationEvent);
    },

    /**
     * A widget visitor names themselves (the host page learned who they are): the console shows the name from
     * now on; a customer a server identified (with an external id) keeps the profile that server gave.
     */
    async describeCustomer(conversationId: string, contact: { name?: string; email?: string }) {
      const conversation = await mustGet(conversationId);
      const updated = await store.describeAnonymousCustomer(conversation.customerId, contact);
      // Consoles refresh the conversation (and with it the customer's name) on this event.
      if (updated) await publishConversation(conversation);
      return updated ?? (await store.getCustomer(conversation.customerId));
    },

    /** Several writes about one conversation as one transaction (a ticket and its note). */
    change: changes.change,

    async takeOver(conversationId: string, agent: { id: string; name: string; teams: string[] }) {
      return apply(
        conversationId,
        { type: 'take_over', agentId: agent.id, team: agent.teams[0] ?? null },
        {
          with: async (change) => {
            await change.note(`${agent.name} joined the conversation`, {
              event: 'agent_joined',
              agentId: agent.id,
            });
          },
        },
      );
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
      return apply(
        conversationId,
        { type: 'resolve' },
        {
          with: async (change) => {
            await change.note(`${agent.name} marked the conversation resolved`, {
              event: 'resolved',
              agentId: agent.id,
            });
          },
        },
      );
    },

    /** Back to the bot, with a note and the bot's memory of it: all three are stored, or none. */
    async handBack(conversationId: string, agent: { id: string; name: string }, summary: string | undefined) {
      return apply(
        conversationId,
        { type: 'hand_back' },
        {
          with: async (change) => {
            const said = summary?.trim();
            // The summary is part of the note: the customer, the console and the next package all read it.
            const text = `${agent.name} handed the conversation back to the assistant${said ? `. Summary: ${said}` : ''}`;
            const note = await change.note(text, {
              event: 'handed_back',
              agentId: agent.id,
              summary: summary ?? null,
            });
            // The bot resumes knowing what the agent did, and judges only what is said from here on.
            const memory = await change.getBotMemory();
            await change.setBotMemory(
              rememberHandBack(memory, { agent: agent.name, summary: summary ?? null, seq: note.seq }),
            );
          },
        },
      );
    },
  };
}
