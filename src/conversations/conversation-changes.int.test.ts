import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import { createMemoryBus } from '../platform/bus.memory.ts';
import { type Database, queryRows } from '../platform/db/database.ts';
import { createTokenSigner } from '../platform/tokens.ts';
import { createConversationService } from './conversation-service.ts';
import { type ConversationStore, createConversationStore } from './conversation-store.ts';

const now = new Date('2026-03-01T10:00:00Z');
const agent = { id: 'agt_1', name: 'Ana', teams: ['loans'] };

/** A step that fails inside a transaction, after the change's earlier writes were made. */
class Boom extends Error {}

describe.each(engines)('changes of several writes on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let store: ConversationStore;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    store = createConversationStore(database.db, { now: () => now });
  });
  afterAll(async () => {
    await cleanup();
  });

  /** The service over the store, or over a store whose transactions fail when `failing` says so. */
  const service = (failing?: 'setBotMemory' | 'append') =>
    createConversationService({
      store: failing
        ? {
            ...store,
            change: (work) =>
              store.change((tx) =>
                work({
                  ...tx,
                  [failing]: async () => {
                    throw new Boom(`${failing} failed`);
                  },
                }),
              ),
          }
        : store,
      bus: createMemoryBus(),
      tokens: createTokenSigner('test-secret-test-secret'),
      now: () => now,
      log: pino({ level: 'silent' }),
      maxMessageChars: 4000,
      respond: null,
      packExists: () => true,
      defaultPack: 'bank',
    });

  const conversationCount = async () =>
    Number(
      (await queryRows<{ n: number | string }>(database.db, sql`select count(*) as n from conversations`))[0]
        ?.n,
    );

  const assigned = async () => {
    const conversations = service();
    const { conversation } = await conversations.start({});
    await conversations.postCustomerMessage(conversation.id, 'I need a person', 'c-1');
    await conversations.takeOver(conversation.id, agent);
    await store.setBotMemory(conversation.id, { flow: 'loan', awaiting: 'amount' });
    return conversation.id;
  };

  it('hands back whole: the move, the note and the bot memory commit together', async () => {
    const id = await assigned();
    const back = await service().handBack(id, agent, 'paid the fee');
    expect(back.state).toBe('bot');
    const note = (await store.listMessages(id)).at(-1)!;
    expect(note.metadata).toMatchObject({ event: 'handed_back', summary: 'paid the fee' });
    expect(back.lastSeq).toBe(note.seq);
    expect(await store.getBotMemory(id)).toMatchObject({
      flow: null,
      awaiting: null,
      handBack: { summary: 'paid the fee', agent: 'Ana', seq: note.seq },
    });
  });

  it.each(['setBotMemory', 'append'] as const)(
    'leaves nothing behind when a hand-back fails at %s',
    async (failing) => {
      const id = await assigned();
      const before = {
        conversation: await store.getConversation(id),
        messages: await store.listMessages(id),
        memory: await store.getBotMemory(id),
      };
      await expect(service(failing).handBack(id, agent, 'done')).rejects.toBeInstanceOf(Boom);
      expect({
        conversation: await store.getConversation(id),
        messages: await store.listMessages(id),
        memory: await store.getBotMemory(id),
      }).toEqual(before);
    },
  );

  it('opens a conversation with its transcript and handoff whole, or leaves no conversation behind', async () => {
    const count = await conversationCount();
    const handoff = { type: 'handoff', team: 'loans', priority: 'high' } as const;
    await expect(
      service().start({
        customer: { externalId: 'crm-7', name: 'Ana' },
        with: async (change) => {
          await change.append([
            { authorKind: 'customer', authorId: null, text: 'hello', clientMessageId: 'import:0' },
          ]);
          throw new Boom('the transcript could not be read');
        },
        apply: handoff,
      }),
    ).rejects.toBeInstanceOf(Boom);
    expect(await conversationCount()).toBe(count);
    const customers = await queryRows(database.db, sql`select id from customers where external_id = 'crm-7'`);
    expect(customers).toHaveLength(0);

    const opened = await service().start({
      customer: { externalId: 'crm-7' },
      with: async (change) => {
        await change.append([
          { authorKind: 'customer', authorId: null, text: 'hello', clientMessageId: 'import:0' },
          { authorKind: 'bot', authorId: null, text: 'one moment', clientMessageId: 'import:1' },
        ]);
      },
      apply: handoff,
    });
    expect(opened.conversation).toMatchObject({
      state: 'queued',
      team: 'loans',
      priority: 'high',
      lastSeq: 2,
    });
    const messages = await store.listMessages(opened.conversation.id);
    expect(messages.map((m) => [m.authorKind, m.authorId])).toEqual([
      ['customer', opened.customer.id],
      ['bot', null],
    ]);
  });

  it('rolls back writes made before a lost race, and retries from the state it finds', async () => {
    const id = await assigned();
    const messages = await store.listMessages(id);
    let attempts = 0;
    await expect(
      service().apply(
        id,
        { type: 'resolve' },
        {
          before: async (change) => {
            attempts++;
            await change.note('written before the move');
            // Another instance resolves first: this attempt's compare-and-set finds the state moved.
            await change.db.execute(sql`update conversations set state = 'resolved' where id = ${id}`);
          },
        },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(attempts).toBe(3);
    expect(await store.listMessages(id)).toEqual(messages);
    expect((await store.getConversation(id))?.state).toBe('assigned');
  });

  it('refuses a note on an unknown conversation, undoing the writes made before it', async () => {
    const other = await assigned();
    const memory = await store.getBotMemory(other);
    await expect(
      service().change('conv_missing', async (change) => {
        await change.db.execute(
          sql`update conversations set bot_memory = '{"ticket": true}'::jsonb where id = ${other}`,
        );
        await change.note('ticket left');
      }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    expect(await store.getBotMemory(other)).toEqual(memory);
  });
});
