import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import { agents } from '../agents/agent.tables.ts';
import { type ConversationStore, createConversationStore } from '../conversations/conversation-store.ts';
import { createFeedbackStore } from '../feedback/feedback-store.ts';
import type { Database } from '../platform/db/database.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Decision } from '../protocol/decision.ts';
import { createRoutingStore } from '../routing/routing-store.ts';
import { type AnalyticsStore, createAnalyticsStore, type NewAnalyticsEvent } from './analytics-store.ts';
import { summarizeAnalytics } from './summarize-analytics.ts';

const t0 = new Date('2026-11-24T15:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(engines)('analytics store on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let store: AnalyticsStore;
  let conversations: ConversationStore;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    store = createAnalyticsStore(database.db);
    conversations = createConversationStore(database.db);
  });
  afterAll(async () => {
    await cleanup();
  });

  const start = async (pack: string, minutes: number) =>
    (await conversations.createConversation({ pack, channel: 'web', customer: {}, now: at(minutes) }))
      .conversation;
  const event = (
    conversationId: string,
    type: string,
    minutes: number,
    extra: Partial<NewAnalyticsEvent> = {},
  ) =>
    store.recordEvent({
      conversationId,
      type,
      at: at(minutes),
      pack: 'bank',
      team: null,
      priority: null,
      agentId: null,
      fromState: null,
      seq: 0,
      rule: null,
      detectors: [],
      intent: null,
      ...extra,
    });

  it('loads the rows of the conversations started in a range and summarizes them', async () => {
    const bot = await start('bank', 0);
    const human = await start('bank', 5);
    const outside = await start('bank', -120);
    await conversations.applyLifecycle(
      bot.id,
      'bot',
      { state: 'resolved', team: null, priority: 'normal', assigneeId: null, resolvedAt: at(3) },
      at(3),
    );
    await conversations.applyLifecycle(
      human.id,
      'bot',
      { state: 'resolved', team: 'fraud', priority: 'high', assigneeId: null, resolvedAt: at(30) },
      at(30),
    );
    await event(bot.id, 'resolved', 3);
    await event(human.id, 'handoff', 6, {
      team: 'fraud',
      priority: 'high',
      rule: 'fraud',
      detectors: ['risk:fraud'],
      intent: 'card_fraud',
      seq: 2,
    });
    await event(human.id, 'assigned', 8, { agentId: 'agt_1' });
    await event(human.id, 'agent_replied', 9, { agentId: 'agt_1' });
    await event(human.id, 'resolved', 30, { fromState: 'assigned' });
    await event(outside.id, 'handoff', -100, { rule: 'fraud' });
    for (const [i, metadata] of [
      {},
      { decision: {} },
      { event: 'queued', estimatedWaitSeconds: 90 },
      { event: 'queued', estimatedWaitSeconds: null },
    ].entries())
      await conversations.writer.append({
        conversationId: human.id,
        authorKind: 'system',
        authorId: null,
        text: `note ${i}`,
        clientMessageId: null,
        metadata,
      });
    const feedback = createFeedbackStore(database.db);
    await feedback.createCsat({
      conversationId: bot.id,
      rating: 5,
      comment: null,
      path: 'bot_only',
      now: at(4),
    });
    await feedback.createCsat({
      conversationId: outside.id,
      rating: 1,
      comment: null,
      path: 'bot_only',
      now: at(4),
    });
    await feedback.upsertLabel({
      conversationId: human.id,
      agentId: 'agt_1',
      needed: false,
      reasonCorrect: true,
      note: null,
      now: at(31),
    });

    const range = { from: at(-1), to: at(60), pack: 'bank' };
    const rows = await store.loadRows(range);
    expect(rows.conversations.map((c) => c.id).sort()).toEqual([bot.id, human.id].sort());
    expect(rows.events).toHaveLength(5);
    expect(rows.estimates).toEqual([{ conversationId: human.id, seq: 3, estimatedWaitSeconds: 90 }]);
    expect(rows.csat).toEqual([{ conversationId: bot.id, rating: 5, path: 'bot_only' }]);
    const summary = summarizeAnalytics(rows, range);
    expect(summary.totals).toMatchObject({
      conversations: 2,
      ended: 2,
      contained: 1,
      handedOff: 1,
      containmentRate: 0.5,
    });
    expect(summary.timeToAgent).toMatchObject({ count: 1, p50: 120 });
    expect(summary.firstAgentReply).toMatchObject({ count: 1, p50: 180 });
    expect(summary.handleTime).toMatchObject({ count: 1, p50: 1320 });
    expect(summary.waitEstimates).toEqual({ count: 1, meanAbsoluteErrorSeconds: 30, meanErrorSeconds: 30 });
    expect(summary.labels).toMatchObject({ count: 1, unnecessary: 1 });
    expect(summary.byReason.detectors[0]?.key).toBe('risk:fraud');
    expect((await store.loadRows({ ...range, pack: 'retail' })).conversations).toEqual([]);
  });

  it('counts conversations and handoffs per bucket, by rule and intent', async () => {
    const base = new Date('2026-11-20T00:00:00Z').getTime();
    const q = 15 * 60_000;
    const make = async (offset: number) =>
      (
        await conversations.createConversation({
          pack: 'retail',
          channel: 'web',
          customer: {},
          now: new Date(base + offset),
        })
      ).conversation;
    const a = await make(60_000);
    const b = await make(q + 60_000);
    await make(q + 120_000);
    for (const [c, offset, rule, intent] of [
      [a, 120_000, 'price_match', 'price_match_request'],
      [b, q + 90_000, 'price_match', 'price_match_request'],
      [b, q + 95_000, 'complaint', null],
    ] as const) {
      await store.recordEvent({
        conversationId: c.id,
        type: 'handoff',
        at: new Date(base + offset),
        pack: 'retail',
        team: 'customer_care',
        priority: 'normal',
        agentId: null,
        fromState: 'bot',
        seq: 1,
        rule,
        detectors: [],
        intent,
      });
    }
    const buckets = await store.spikeBuckets(new Date(base), new Date(base + 3 * q), q);
    expect(buckets).toEqual([
      {
        start: base,
        conversations: 1,
        handoffs: 1,
        byRule: { price_match: 1 },
        byIntent: { price_match_request: 1 },
      },
      {
        start: base + q,
        conversations: 2,
        handoffs: 2,
        byRule: { price_match: 1, complaint: 1 },
        byIntent: { price_match_request: 1 },
      },
      { start: base + 2 * q, conversations: 0, handoffs: 0, byRule: {}, byIntent: {} },
    ]);
  });

  it('keeps one open alert per kind', async () => {
    const first = await store.raiseAlert({
      kind: 'handoff_spike',
      level: 'warning',
      text: 'spike',
      details: { a: 1 },
      now: at(0),
    });
    expect(first).not.toBeNull();
    expect(
      await store.raiseAlert({
        kind: 'handoff_spike',
        level: 'warning',
        text: 'again',
        details: {},
        now: at(1),
      }),
    ).toBeNull();
    await store.touchAlert(first!.id, at(2), { a: 2 });
    expect(await store.openAlert('handoff_spike')).toMatchObject({
      id: first!.id,
      lastSeenAt: at(2).toISOString(),
      details: { a: 2 },
    });
    await store.clearAlert(first!.id, at(3));
    expect(await store.openAlert('handoff_spike')).toBeNull();
    const second = await store.raiseAlert({
      kind: 'handoff_spike',
      level: 'warning',
      text: 'new',
      details: {},
      now: at(4),
    });
    expect((await store.listAlerts(10)).map((a) => a.id)).toEqual([second!.id, first!.id]);
  });

  it('lists the latest handoff and offer decisions with their explanation, newest first', async () => {
    const a = await start('insurance', 200);
    const b = await start('retail', 201);
    const turn = (
      conversationId: string,
      n: number,
      minutes: number,
      decision: Record<string, unknown>,
      botTurn: Record<string, unknown> = { intent: null, topic: 'claim_status' },
    ) =>
      conversations.saveTurn({
        conversationId,
        turn: n,
        messageSeq: n * 2,
        pack: conversationId === a.id ? 'insurance' : 'retail',
        // Stored JSON as older or foreign writers may have left it: the reader must cope with partial fields.
        botTurn: botTurn as unknown as BotTurn,
        decision: decision as unknown as Decision,
        decisionKind: decision.kind as Decision['kind'],
        createdAt: at(minutes),
      });
    await turn(a.id, 1, 201, { kind: 'stay', risk: 0.1, reasons: ['fine'] });
    await turn(a.id, 2, 202, {
      kind: 'offer',
      team: 'claims',
      priority: 'normal',
      rule: 'frustration',
      risk: 0.55,
      reasons: ['The customer sounds frustrated.'],
    });
    await turn(
      b.id,
      1,
      203,
      {
        kind: 'handoff',
        team: 'customer_care',
        priority: 'high',
        rule: 'explicit_request',
        risk: 0.9,
        reasons: ['The customer asked for a person.', 'Second reason.'],
      },
      { intent: 'talk_to_human', topic: null },
    );
    await turn(b.id, 2, 204, { kind: 'handoff', rule: 'odd', reasons: 'not a list' });
    await conversations.applyLifecycle(
      b.id,
      'bot',
      { state: 'queued', team: 'customer_care', priority: 'high', assigneeId: null, queuedAt: at(203) },
      at(203),
    );

    const all = await store.listRecentHandoffs(10, null);
    expect(all.map((h) => [h.conversationId, h.turn])).toEqual([
      [b.id, 2],
      [b.id, 1],
      [a.id, 2],
    ]);
    expect(all[1]).toEqual({
      conversationId: b.id,
      pack: 'retail',
      turn: 1,
      kind: 'handoff',
      team: 'customer_care',
      priority: 'high',
      rule: 'explicit_request',
      risk: 0.9,
      reasons: ['The customer asked for a person.', 'Second reason.'],
      intent: 'talk_to_human',
      state: 'queued',
      decidedAt: at(203).toISOString(),
    });
    expect(all[0]).toMatchObject({ team: null, priority: null, risk: null, reasons: [] });
    expect(all[2]).toMatchObject({ kind: 'offer', intent: 'claim_status', state: 'bot' });
    expect(await store.listRecentHandoffs(1, null)).toHaveLength(1);
    expect((await store.listRecentHandoffs(10, 'insurance')).map((h) => h.conversationId)).toEqual([a.id]);
  });

  it('reads queue depth and agents online per team', async () => {
    const routing = createRoutingStore(database.db);
    await routing.seedTeams([
      { id: 'fraud', name: 'Fraud', skills: [], businessHours: null },
      { id: 'loans', name: 'Loans', skills: [], businessHours: null },
    ]);
    const c = await start('bank', 0);
    await conversations.applyLifecycle(
      c.id,
      'bot',
      { state: 'queued', team: 'fraud', priority: 'normal', assigneeId: null, queuedAt: at(1) },
      at(1),
    );
    await database.db.insert(agents).values([
      { id: 'agt_a', email: 'a@x', name: 'A', role: 'agent', passwordHash: 'x', teams: ['fraud', 'loans'] },
      { id: 'agt_b', email: 'b@x', name: 'B', role: 'agent', passwordHash: 'x', teams: ['fraud'] },
    ]);
    await routing.setPresence('agt_a', 'online', at(0));
    await routing.setPresence('agt_b', 'away', at(0));
    expect(Object.fromEntries(await store.queueDepth())).toMatchObject({ fraud: 1, loans: 0 });
    expect(Object.fromEntries(await store.agentsOnline())).toMatchObject({ fraud: 1, loans: 1 });
  });
});
