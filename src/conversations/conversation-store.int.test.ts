import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import type { Database } from '../platform/db/database.ts';
import { aBotTurn, aStay } from '../protocol/turn.fixture.ts';
import { type ConversationStore, createConversationStore } from './conversation-store.ts';

const now = new Date('2026-03-01T10:00:00Z');

describe.each(engines)('conversation store on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let store: ConversationStore;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    store = createConversationStore(database.db, { maxInFlight: 2 });
  });
  afterAll(async () => {
    await cleanup();
  });

  const start = (externalId?: string) =>
    store.createConversation({
      pack: 'bank',
      channel: 'web',
      customer: { externalId, name: 'Ana', tier: 'gold' },
      now,
    });

  it('opens a conversation for a new customer and reuses a known one by external id', async () => {
    const a = await start('ext-1');
    const b = await start('ext-1');
    expect(a.conversation.state).toBe('bot');
    expect(a.customer.tier).toBe('gold');
    expect(b.customer.id).toBe(a.customer.id);
    expect(b.conversation.id).not.toBe(a.conversation.id);
  });

  it('appends with consecutive seqs and returns the same message for a repeated client id', async () => {
    const { conversation } = await start();
    const first = await store.writer.append({
      conversationId: conversation.id,
      authorKind: 'customer',
      authorId: null,
      text: 'hello',
      clientMessageId: 'c1',
    });
    const again = await store.writer.append({
      conversationId: conversation.id,
      authorKind: 'customer',
      authorId: null,
      text: 'hello',
      clientMessageId: 'c1',
    });
    expect(first.message.seq).toBe(1);
    expect(again.duplicate).toBe(true);
    expect(again.message.id).toBe(first.message.id);
    expect(await store.listMessages(conversation.id)).toHaveLength(1);
  });

  it('keeps every concurrent append, each with its own seq, and never doubles a retried one', async () => {
    const { conversation } = await start();
    const sends = Array.from({ length: 60 }, (_, i) =>
      store.writer.append({
        conversationId: conversation.id,
        authorKind: 'customer',
        authorId: null,
        text: `m${i % 40}`,
        clientMessageId: `k${i % 40}`,
      }),
    );
    const results = await Promise.all(sends);
    const seqs = new Set(results.map((r) => r.message.seq));
    expect(seqs.size).toBe(40);
    const stored = await store.listMessages(conversation.id);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await store.getConversation(conversation.id))?.lastSeq).toBe(40);
    expect((await store.listMessages(conversation.id, 35)).map((m) => m.seq)).toEqual([36, 37, 38, 39, 40]);
  });

  it('refuses an append to an unknown conversation without failing others in the batch', async () => {
    const { conversation } = await start();
    const [bad, good] = await Promise.allSettled([
      store.writer.append({
        conversationId: 'conv_missing',
        authorKind: 'customer',
        authorId: null,
        text: 'x',
        clientMessageId: 'a',
      }),
      store.writer.append({
        conversationId: conversation.id,
        authorKind: 'customer',
        authorId: null,
        text: 'y',
        clientMessageId: 'b',
      }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good.status).toBe('fulfilled');
  });

  it('reads the conversation state in the same write, fills the customer as author, and refuses closed conversations', async () => {
    const { conversation, customer } = await start();
    const first = await store.writer.append({
      conversationId: conversation.id,
      authorKind: 'customer',
      authorId: null,
      text: 'hi',
      clientMessageId: 'k1',
    });
    expect(first).toMatchObject({ conversationState: 'bot', message: { authorId: customer.id } });
    await store.applyLifecycle(
      conversation.id,
      'bot',
      { state: 'closed', team: null, priority: 'normal', assigneeId: null, closedAt: now },
      now,
    );
    const retried = await store.writer.append({
      conversationId: conversation.id,
      authorKind: 'customer',
      authorId: null,
      text: 'hi',
      clientMessageId: 'k1',
    });
    expect(retried).toMatchObject({ duplicate: true, conversationState: 'closed' });
    await expect(
      store.writer.append({
        conversationId: conversation.id,
        authorKind: 'customer',
        authorId: null,
        text: 'new',
        clientMessageId: 'k2',
      }),
    ).rejects.toThrow(/closed/);
    expect(await store.listMessages(conversation.id)).toHaveLength(1);
  });

  it('applies a lifecycle change only from the expected state', async () => {
    const { conversation } = await start();
    const patch = {
      state: 'queued' as const,
      team: 'loans',
      priority: 'high' as const,
      assigneeId: null,
      queuedAt: now,
    };
    const won = await store.applyLifecycle(conversation.id, 'bot', patch, now);
    const lost = await store.applyLifecycle(conversation.id, 'bot', patch, now);
    expect(won?.state).toBe('queued');
    expect(won?.queuePosition).toBe(1);
    expect(lost).toBeNull();
  });

  it('orders the queue by priority, then waiting time', async () => {
    const team = `t-${Math.random()}`;
    const queue = async (priority: 'normal' | 'urgent', at: string) => {
      const { conversation } = await start();
      const queuedAt = new Date(at);
      return store.applyLifecycle(
        conversation.id,
        'bot',
        { state: 'queued', team, priority, assigneeId: null, queuedAt },
        queuedAt,
      );
    };
    const early = await queue('normal', '2026-03-01T09:00:00Z');
    const late = await queue('normal', '2026-03-01T09:05:00Z');
    const urgent = await queue('urgent', '2026-03-01T09:10:00Z');
    expect((await store.getConversation(urgent!.id))?.queuePosition).toBe(1);
    expect((await store.getConversation(early!.id))?.queuePosition).toBe(2);
    expect((await store.getConversation(late!.id))?.queuePosition).toBe(3);
  });

  it('stores bot turns once per turn', async () => {
    const { conversation } = await start();
    const turn = {
      conversationId: conversation.id,
      turn: 1,
      messageSeq: 1,
      pack: 'bank',
      botTurn: aBotTurn({ intent: 'balance' }),
      decision: aStay(),
      decisionKind: 'stay' as const,
      createdAt: now,
    };
    await store.saveTurn(turn);
    await store.saveTurn(turn);
    expect(await store.listTurns(conversation.id)).toHaveLength(1);
  });
});
