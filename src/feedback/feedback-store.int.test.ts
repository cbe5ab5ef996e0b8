import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import { type ConversationStore, createConversationStore } from '../conversations/conversation-store.ts';
import type { Database } from '../platform/db/database.ts';
import { aBotTurn, aStay } from '../protocol/turn.fixture.ts';
import { createFeedbackStore, type FeedbackStore } from './feedback-store.ts';

const now = new Date('2026-11-24T15:00:00Z');

describe.each(engines)('feedback store on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let store: FeedbackStore;
  let conversations: ConversationStore;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    store = createFeedbackStore(database.db);
    conversations = createConversationStore(database.db);
  });
  afterAll(async () => {
    await cleanup();
  });

  const start = async () =>
    (await conversations.createConversation({ pack: 'bank', channel: 'web', customer: {}, now })).conversation
      .id;
  const say = (conversationId: string, authorKind: 'agent' | 'system', internal: boolean, metadata = {}) =>
    conversations.writer.append({
      conversationId,
      authorKind,
      authorId: null,
      text: 'x',
      clientMessageId: null,
      internal,
      metadata,
    });

  it('reads the path facts: bot turns, and whether an agent joined or replied', async () => {
    const bot = await start();
    await conversations.saveTurn({
      conversationId: bot,
      turn: 1,
      messageSeq: 1,
      pack: 'bank',
      botTurn: aBotTurn(),
      decision: aStay(),
      decisionKind: 'stay',
      createdAt: now,
    });
    await say(bot, 'agent', true);
    expect(await store.pathFacts(bot)).toEqual({ botTurns: 1, agentJoined: false });
    const joined = await start();
    await say(joined, 'system', false, { event: 'agent_joined' });
    expect(await store.pathFacts(joined)).toEqual({ botTurns: 0, agentJoined: true });
    const replied = await start();
    await say(replied, 'agent', false);
    expect((await store.pathFacts(replied)).agentJoined).toBe(true);
  });

  it('stores one rating per conversation and replaces it', async () => {
    const id = await start();
    const first = await store.createCsat({
      conversationId: id,
      rating: 2,
      comment: 'slow',
      path: 'bot_only',
      now,
    });
    expect(first).toMatchObject({ rating: 2, comment: 'slow', path: 'bot_only' });
    expect(
      await store.createCsat({ conversationId: id, rating: 5, comment: null, path: 'bot_only', now }),
    ).toBeNull();
    const later = new Date(now.getTime() + 60_000);
    const replaced = await store.replaceCsat(id, 4, null, later);
    expect(replaced).toMatchObject({
      rating: 4,
      comment: null,
      createdAt: now.toISOString(),
      updatedAt: later.toISOString(),
    });
    expect(await store.getCsat(id)).toEqual(replaced);
  });

  it('upserts the label of a handoff', async () => {
    const id = await start();
    await store.upsertLabel({
      conversationId: id,
      agentId: 'a1',
      needed: true,
      reasonCorrect: true,
      teamCorrect: null,
      rightTeam: null,
      earlier: null,
      note: null,
      now,
    });
    const later = new Date(now.getTime() + 60_000);
    const label = await store.upsertLabel({
      conversationId: id,
      agentId: 'a2',
      needed: false,
      reasonCorrect: false,
      teamCorrect: false,
      rightTeam: 'cards',
      earlier: true,
      note: 'FAQ',
      now: later,
    });
    expect(label).toMatchObject({
      agentId: 'a2',
      needed: false,
      reasonCorrect: false,
      teamCorrect: false,
      rightTeam: 'cards',
      earlier: true,
      note: 'FAQ',
      createdAt: now.toISOString(),
    });
    expect(await store.getLabel(id)).toEqual(label);
  });
});
