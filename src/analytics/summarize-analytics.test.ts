import { describe, expect, it } from 'vitest';
import type { ConversationRow, EventRow } from './describe-conversation.ts';
import { describeConversation } from './describe-conversation.ts';
import { describeDurations, percentile } from './describe-durations.ts';
import { type AnalyticsRows, summarizeAnalytics, summarizeJourneys } from './summarize-analytics.ts';

const t0 = Date.parse('2026-11-24T00:00:00Z');
const min = 60_000;

const conv = (id: string, state: string, createdMin: number, extra: Partial<ConversationRow> = {}) => ({
  id,
  pack: 'bank',
  state,
  createdAt: t0 + createdMin * min,
  ...extra,
});

const ev = (
  conversationId: string,
  type: string,
  atMin: number,
  extra: Partial<EventRow> = {},
): EventRow => ({
  conversationId,
  type,
  at: t0 + atMin * min,
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

const handoff = (id: string, atMin: number, rule: string, extra: Partial<EventRow> = {}) =>
  ev(id, 'handoff', atMin, { rule, team: 'fraud', priority: 'high', detectors: ['risk:fraud'], ...extra });

describe('describeConversation', () => {
  const cases: {
    name: string;
    state: string;
    events: EventRow[];
    expect: { handedOff: boolean; contained: boolean; outcomes: string[] };
  }[] = [
    {
      name: 'bot only, resolved',
      state: 'resolved',
      events: [ev('c', 'resolved', 5)],
      expect: { handedOff: false, contained: true, outcomes: [] },
    },
    {
      name: 'bot only, still open',
      state: 'bot',
      events: [],
      expect: { handedOff: false, contained: false, outcomes: [] },
    },
    {
      name: 'handed off, assigned, resolved',
      state: 'resolved',
      events: [handoff('c', 1, 'fraud'), ev('c', 'assigned', 3), ev('c', 'resolved', 10)],
      expect: { handedOff: true, contained: false, outcomes: ['resolved'] },
    },
    {
      name: 'cancelled while queued, then the bot ended it',
      state: 'resolved',
      events: [handoff('c', 1, 'fraud'), ev('c', 'cancelled', 4), ev('c', 'resolved', 6)],
      expect: { handedOff: true, contained: false, outcomes: ['cancelled'] },
    },
    {
      name: 'closed while queued',
      state: 'closed',
      events: [handoff('c', 1, 'fraud'), ev('c', 'closed', 9, { fromState: 'queued' })],
      expect: { handedOff: true, contained: false, outcomes: ['left'] },
    },
    {
      name: 'handed back, then handed off again (events out of order)',
      state: 'assigned',
      events: [
        ev('c', 'assigned', 12),
        handoff('c', 1, 'fraud'),
        ev('c', 'handed_back', 5),
        handoff('c', 11, 'legal'),
        ev('c', 'assigned', 2),
      ],
      expect: { handedOff: true, contained: false, outcomes: ['handed_back', 'assigned'] },
    },
  ];
  it.each(cases)('$name', (c) => {
    const facts = describeConversation(conv('c', c.state, 0), c.events);
    expect(facts.handedOff).toBe(c.expect.handedOff);
    expect(facts.contained).toBe(c.expect.contained);
    expect(facts.episodes.map((e) => e.outcome)).toEqual(c.expect.outcomes);
  });

  it('pairs each wait with the estimate told after its handoff', () => {
    const facts = describeConversation(
      conv('c', 'assigned', 0),
      [handoff('c', 1, 'a', { seq: 3 }), ev('c', 'handed_back', 2), handoff('c', 5, 'b', { seq: 8 })],
      [
        { conversationId: 'c', seq: 10, estimatedWaitSeconds: 90 },
        { conversationId: 'c', seq: 4, estimatedWaitSeconds: 30 },
      ],
    );
    expect(facts.episodes.map((e) => e.estimatedWaitSeconds)).toEqual([30, 90]);
  });
});

describe('describeDurations', () => {
  it.each([
    { values: [], p50: null, p90: null },
    { values: [7], p50: 7, p90: 7 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p50: 5.5, p90: 9.1 },
  ])('$values', ({ values, p50, p90 }) => {
    const d = describeDurations(values);
    expect(d).toMatchObject({ count: values.length, p50, p90 });
  });
  it('interpolates', () => expect(percentile([0, 10], 0.25)).toBe(2.5));
});

describe('summarizeJourneys', () => {
  type In = Parameters<typeof summarizeJourneys>[0][number];
  const e = (rule: string, team: string | null, outcome: In['outcome']): In => ({ rule, team, outcome });
  it.each([
    { name: 'no handoffs', episodes: [], expect: [] },
    {
      name: 'each episode outcome maps to resolved, abandoned, handed back or open',
      episodes: [
        e('fraud', 'fraud', 'resolved'),
        e('fraud', 'fraud', 'cancelled'),
        e('fraud', 'fraud', 'left'),
        e('fraud', 'fraud', 'handed_back'),
        e('fraud', 'fraud', 'waiting'),
        e('fraud', 'fraud', 'assigned'),
      ],
      expect: [
        { rule: 'fraud', team: 'fraud', outcome: 'abandoned', handoffs: 2 },
        { rule: 'fraud', team: 'fraud', outcome: 'open', handoffs: 2 },
        { rule: 'fraud', team: 'fraud', outcome: 'handed_back', handoffs: 1 },
        { rule: 'fraud', team: 'fraud', outcome: 'resolved', handoffs: 1 },
      ],
    },
    {
      name: 'groups by rule and team (none without a team), most first',
      episodes: [
        e('legal', null, 'resolved'),
        e('explicit_request', 'support', 'resolved'),
        e('explicit_request', 'support', 'resolved'),
        e('explicit_request', 'loans', 'resolved'),
      ],
      expect: [
        { rule: 'explicit_request', team: 'support', outcome: 'resolved', handoffs: 2 },
        { rule: 'explicit_request', team: 'loans', outcome: 'resolved', handoffs: 1 },
        { rule: 'legal', team: 'none', outcome: 'resolved', handoffs: 1 },
      ],
    },
  ])('$name', ({ episodes, expect: expected }) => {
    expect(summarizeJourneys(episodes)).toEqual(expected);
  });
});

describe('summarizeAnalytics', () => {
  const rows: AnalyticsRows = {
    conversations: [
      conv('bot1', 'resolved', 10),
      conv('bot2', 'resolved', 20, { pack: 'retail' }),
      conv('open', 'bot', 30),
      conv('h1', 'resolved', 40),
      conv('h2', 'resolved', 100),
      conv('h3', 'bot', 120, { pack: 'retail' }),
      conv('old', 'resolved', -10),
    ],
    events: [
      ev('bot1', 'resolved', 12),
      ev('bot2', 'resolved', 22),
      handoff('h1', 41, 'fraud', { seq: 2 }),
      ev('h1', 'assigned', 43),
      ev('h1', 'agent_replied', 45),
      ev('h1', 'agent_replied', 47),
      ev('h1', 'sla_breached', 42, { team: 'fraud' }),
      ev('h1', 'resolved', 53, { fromState: 'assigned' }),
      handoff('h2', 101, 'lending', {
        team: 'loans',
        priority: 'normal',
        detectors: ['explicit_request', 'risk:debt'],
      }),
      ev('h2', 'assigned', 102),
      ev('h2', 'resolved', 122),
      handoff('h3', 121, 'price_match', { team: 'customer_care', priority: 'normal', detectors: [] }),
      ev('h3', 'cancelled', 125),
      handoff('old', -5, 'fraud'),
    ],
    estimates: [{ conversationId: 'h1', seq: 3, estimatedWaitSeconds: 60 }],
    csat: [
      { conversationId: 'bot1', rating: 5, path: 'bot_only' },
      { conversationId: 'bot2', rating: 3, path: 'bot_only' },
      { conversationId: 'h1', rating: 4, path: 'bot_then_human' },
      { conversationId: 'old', rating: 1, path: 'bot_then_human' },
    ],
    labels: [
      { conversationId: 'h1', needed: true, reasonCorrect: true },
      { conversationId: 'h2', needed: false, reasonCorrect: false },
    ],
  };
  const summary = summarizeAnalytics(rows, {
    from: new Date(t0),
    to: new Date(t0 + 24 * 60 * min),
    pack: null,
  });

  it('measures containment and handoff rate over the conversations started in the range', () => {
    expect(summary.totals).toEqual({
      conversations: 6,
      ended: 4,
      contained: 2,
      handedOff: 3,
      containmentRate: 0.5,
      handoffRate: 0.5,
    });
    expect(summary.byPack.find((p) => p.key === 'retail')).toMatchObject({
      conversations: 2,
      handedOff: 1,
      contained: 1,
    });
  });

  it('breaks handoffs down by rule, detector, team and priority', () => {
    expect(summary.byReason.rules.map((r) => [r.key, r.handoffs])).toEqual([
      ['fraud', 1],
      ['lending', 1],
      ['price_match', 1],
    ]);
    expect(summary.byReason.detectors.find((d) => d.key === 'none')?.handoffs).toBe(1);
    expect(summary.byTeam.find((t) => t.key === 'customer_care')).toMatchObject({
      handoffs: 1,
      share: 0.3333,
      rate: 0.1667,
    });
    expect(summary.byPriority.map((p) => p.key)).toEqual(['normal', 'high']);
  });

  it('buckets a one-day span by hour', () => {
    expect(summary.range.bucket).toBe('hour');
    expect(summary.series).toHaveLength(24);
    expect(summary.series[0]).toMatchObject({ conversations: 4, handedOff: 1, handoffsByRule: { fraud: 1 } });
    expect(summary.series[1]).toMatchObject({ conversations: 1, handoffsByRule: { lending: 1 } });
    expect(summary.series[2]).toMatchObject({ conversations: 1, handoffsByRule: { price_match: 1 } });
    const weekly = summarizeAnalytics(rows, {
      from: new Date(t0),
      to: new Date(t0 + 7 * 24 * 60 * min),
      pack: null,
    });
    expect(weekly.range.bucket).toBe('day');
    expect(weekly.series).toHaveLength(7);
  });

  it('measures waits, replies, handle time and abandonment', () => {
    expect(summary.timeToAgent).toEqual({ count: 2, p50: 90, p90: 114, mean: 90 });
    expect(summary.firstAgentReply).toMatchObject({ count: 1, p50: 240 });
    expect(summary.handleTime).toMatchObject({ count: 2, p50: 900 });
    expect(summary.abandonment).toEqual({ handoffs: 3, cancelled: 1, left: 0, rate: 0.3333 });
    expect(summary.waitEstimates).toEqual({ count: 1, meanAbsoluteErrorSeconds: 60, meanErrorSeconds: 60 });
  });

  it('reports CSAT by path and reason, labels and SLA breaches', () => {
    expect(summary.csat).toMatchObject({ count: 3, average: 4, distribution: { '3': 1, '4': 1, '5': 1 } });
    expect(summary.csat.byPath).toEqual([
      { key: 'bot_only', count: 2, average: 4 },
      { key: 'bot_then_human', count: 1, average: 4 },
    ]);
    expect(summary.csat.byReason.find((r) => r.key === 'fraud')).toEqual({
      key: 'fraud',
      count: 1,
      average: 4,
    });
    expect(summary.labels).toMatchObject({ count: 2, unnecessary: 1, unnecessaryRate: 0.5, reasonWrong: 1 });
    expect(summary.labels.byRule.find((r) => r.key === 'lending')?.precision).toBe(0);
    expect(summary.slaBreaches).toEqual({ count: 1, byTeam: [{ key: 'fraud', count: 1 }] });
  });

  it('counts the journeys of the handoffs: rule, team, outcome', () => {
    expect(summary.journeys).toEqual([
      { rule: 'fraud', team: 'fraud', outcome: 'resolved', handoffs: 1 },
      { rule: 'lending', team: 'loans', outcome: 'resolved', handoffs: 1 },
      { rule: 'price_match', team: 'customer_care', outcome: 'abandoned', handoffs: 1 },
    ]);
  });

  it('filters by pack', () => {
    const retail = summarizeAnalytics(rows, {
      from: new Date(t0),
      to: new Date(t0 + 24 * 60 * min),
      pack: 'retail',
    });
    expect(retail.totals.conversations).toBe(2);
    expect(retail.byReason.rules.map((r) => r.key)).toEqual(['price_match']);
  });
});
