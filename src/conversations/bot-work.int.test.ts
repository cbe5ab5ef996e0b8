import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import { createMemoryBus } from '../platform/bus.memory.ts';
import type { Database } from '../platform/db/database.ts';
import { createTokenSigner } from '../platform/tokens.ts';
import { aBotTurn, anEscalation, aStay } from '../protocol/turn.fixture.ts';
import { botFailureTexts } from './bot-turn-runner.ts';
import {
  type ConversationService,
  createConversationService,
  type RespondToCustomer,
} from './conversation-service.ts';
import { type ConversationStore, createConversationStore } from './conversation-store.ts';
import { botAnswerAttempts } from './plan-bot-retry.ts';

// The bot's pending turns are durable: a turn that throws, or whose storage fails, is retried by a later sweep
// and answered once; after repeated failures the customer hears so and a person takes over.

/**
 * An assistant that answers "re: TEXT", hands over on "person", and fails while `failures` is above zero; it stores
 * its turns through the store it is given, as the real one does.
 */
function scriptedBot() {
  const state = { failures: 0, calls: 0 };
  const respondWith =
    (store: () => ConversationStore): RespondToCustomer =>
    async ({ conversation, messageSeq, text }) => {
      state.calls++;
      if (state.failures > 0) {
        state.failures--;
        throw new Error('the bot broke');
      }
      const memory = await store().getBotMemory(conversation.id);
      const turn = ((await store().listTurns(conversation.id)).at(-1)?.turn ?? 0) + 1;
      const handoff = text.includes('person') && conversation.state === 'bot';
      const decision = handoff ? anEscalation({ team: 'support' }) : aStay();
      const recorded = await store().bot.recordTurn(
        {
          conversationId: conversation.id,
          turn,
          messageSeq,
          pack: conversation.pack,
          botTurn: aBotTurn({ turn, text, replyKind: 'intent' }),
          decision,
          decisionKind: decision.kind,
          createdAt: clock,
        },
        { ...memory, seen: ((memory.seen as number | undefined) ?? 0) + 1 },
        {
          replies: [{ text: `re: ${text}` }],
          handoff: handoff
            ? {
                team: 'support',
                priority: 'normal',
                message: 'Connecting you.',
                mode: 'warm',
                requiredSkills: [],
              }
            : null,
          whileWaiting: conversation.state === 'queued',
        },
      );
      if (!recorded) throw new Error('turn taken');
      return { kind: 'answered', recorded };
    };
  return { state, respondWith };
}

let clock = new Date('2026-03-02T10:00:00Z');

describe.each(engines)('durable bot work on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  const bot = scriptedBot();
  /** Set to make the next `recordTurn` calls fail, as a database hiccup would. */
  let storeFailures = 0;
  let store: ConversationStore;
  let service: ConversationService;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    const real = createConversationStore(database.db, { now: () => clock });
    store = {
      ...real,
      bot: {
        ...real.bot,
        recordTurn: async (...args) => {
          if (storeFailures > 0) {
            storeFailures--;
            throw new Error('connection terminated unexpectedly');
          }
          return real.bot.recordTurn(...args);
        },
      },
    };
    service = createConversationService({
      store,
      bus: createMemoryBus(),
      tokens: createTokenSigner('a-test-secret-of-32-characters!!'),
      now: () => clock,
      log: pino({ level: 'silent' }),
      maxMessageChars: 4000,
      respond: bot.respondWith(() => store),
      packExists: () => true,
      defaultPack: 'bank',
      fallbackTeam: () => 'support',
      botLeaseMs: 30_000,
    });
  });
  afterAll(async () => {
    await service.stopBotWork();
    await cleanup();
  });

  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const start = async () => (await service.start({})).conversation.id;
  const say = async (id: string, text: string, clientMessageId: string) => {
    const posted = await service.postCustomerMessage(id, text, clientMessageId);
    await posted.botDone;
    return posted.message;
  };
  const botMessages = async (id: string) =>
    (await service.listMessages(id, 0)).filter((m) => m.authorKind === 'bot');

  it('retries a turn that threw and answers it once', async () => {
    const id = await start();
    bot.state.failures = 1;
    const message = await say(id, 'where is my card?', 'c1');
    expect(await botMessages(id)).toEqual([]);

    // Nobody retries before the backoff has passed.
    expect(await service.sweepBotWork()).toBe(0);
    later(1000);
    expect(await service.sweepBotWork()).toBe(1);
    const replies = await botMessages(id);
    expect(replies.map((m) => [m.text, m.clientMessageId])).toEqual([
      ['re: where is my card?', `bot:${message.seq}:0`],
    ]);
    expect((await service.listTurns(id)).map((t) => t.messageSeq)).toEqual([message.seq]);
    expect(await service.sweepBotWork()).toBe(0);
  });

  it('retries when storing the turn fails, then answers in order with the memory of each turn', async () => {
    const id = await start();
    storeFailures = 1;
    const first = await say(id, 'first', 'c1');
    // Queued behind the failed one: answered after it, never before.
    const second = await say(id, 'second', 'c2');
    expect(await botMessages(id)).toEqual([]);
    later(1000);
    await service.sweepBotWork();
    expect((await botMessages(id)).map((m) => m.text)).toEqual(['re: first', 're: second']);
    const turns = await service.listTurns(id);
    expect(turns.map((t) => [t.turn, t.messageSeq])).toEqual([
      [1, first.seq],
      [2, second.seq],
    ]);
    expect(await store.getBotMemory(id)).toEqual({ seen: 2 });
  });

  it('delivers a stored turn after a failure later on, without asking the bot again', async () => {
    const id = await start();
    // The turn and what it says commit together; the handover that follows is its own write and may fail.
    const real = store.applyLifecycle;
    let failHandover = true;
    store.applyLifecycle = async (...args) => {
      if (failHandover) {
        failHandover = false;
        throw new Error('the database went away');
      }
      return real(...args);
    };
    try {
      const calls = bot.state.calls;
      await say(id, 'I want a person', 'c1');
      expect(await service.listTurns(id)).toHaveLength(1);
      expect((await service.getPlain(id)).state).toBe('bot');
      later(1000);
      await service.sweepBotWork();
      expect(bot.state.calls).toBe(calls + 1);
      expect((await botMessages(id)).map((m) => m.text)).toEqual(['re: I want a person']);
      const conversation = await service.getPlain(id);
      expect(conversation).toMatchObject({ state: 'queued', team: 'support' });
      const notes = (await service.listMessages(id, 0)).filter((m) => m.authorKind === 'system');
      expect(notes.map((m) => m.text)).toEqual(['Connecting you.']);
    } finally {
      store.applyLifecycle = real;
    }
  });

  it('stores a turn and what it says together, or neither', async () => {
    const id = await start();
    const real = store.bot.recordTurn;
    let breakOnce = true;
    // The turn's own row is refused after its reply was written in the same transaction: the reply goes too.
    store.bot.recordTurn = async (turn, memory, outcome) => {
      if (!breakOnce) return real(turn, memory, outcome);
      breakOnce = false;
      return real({ ...turn, pack: null as unknown as string }, memory, outcome);
    };
    try {
      const calls = bot.state.calls;
      await say(id, 'hello', 'c1');
      expect(await service.listTurns(id)).toHaveLength(0);
      expect(await botMessages(id)).toEqual([]);
      later(1000);
      await service.sweepBotWork();
      expect(bot.state.calls).toBe(calls + 2);
      expect((await botMessages(id)).map((m) => m.text)).toEqual(['re: hello']);
      expect(await service.listTurns(id)).toHaveLength(1);
    } finally {
      store.bot.recordTurn = real;
    }
  });

  it(`apologises and hands over after ${botAnswerAttempts} failed attempts`, async () => {
    const id = await start();
    bot.state.failures = 1000;
    const message = await say(id, 'help', 'c1');
    for (let attempt = 1; attempt < botAnswerAttempts; attempt++) {
      later(60_000);
      await service.sweepBotWork();
      expect(await botMessages(id)).toEqual([]);
    }
    later(60_000);
    await service.sweepBotWork();
    bot.state.failures = 0;
    const replies = await botMessages(id);
    expect(replies.map((m) => [m.text, m.clientMessageId])).toEqual([
      [botFailureTexts.handoff, `bot:${message.seq}:failed`],
    ]);
    expect(await service.getPlain(id)).toMatchObject({ state: 'queued', team: 'support' });
    expect(await service.listTurns(id)).toEqual([]);
    // The next message is answered again (the failure count was for that message only).
    await say(id, 'are you back?', 'c2');
    expect((await botMessages(id)).map((m) => m.text)).toContain('re: are you back?');
  });

  it('leaves to the agent what was written while the agent held the conversation', async () => {
    const id = await start();
    bot.state.failures = 1;
    // Pending (its turn failed) when the agent takes over: the agent answers it, not the bot after a hand-back.
    await say(id, 'one', 'c1');
    await service.apply(id, { type: 'take_over', agentId: 'agt_1', team: 'support' });
    await say(id, 'two', 'c2');
    await service.apply(id, { type: 'hand_back' });
    later(60_000);
    expect(await service.sweepBotWork()).toBe(0);
    expect(await botMessages(id)).toEqual([]);
    await say(id, 'three', 'c3');
    expect((await botMessages(id)).map((m) => m.text)).toEqual(['re: three']);
  });

  it('answers the message that reopens a resolved conversation', async () => {
    const id = await start();
    await service.apply(id, { type: 'resolve' });
    await say(id, 'one more thing', 'c1');
    expect((await service.getPlain(id)).state).toBe('bot');
    expect((await botMessages(id)).map((m) => m.text)).toEqual(['re: one more thing']);
  });

  it('does not answer an imported transcript', async () => {
    const { conversation } = await service.start({
      with: async (scope) => {
        await scope.append([
          {
            authorKind: 'customer',
            authorId: null,
            text: 'from the other bot',
            clientMessageId: 'import:0',
            metadata: { imported: true },
          },
        ]);
      },
    });
    const id = conversation.id;
    expect(await service.sweepBotWork()).toBe(0);
    await say(id, 'hello', 'c1');
    expect((await botMessages(id)).map((m) => m.text)).toEqual(['re: hello']);
  });
});
