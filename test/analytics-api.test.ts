import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/platform/clock.ts';
import type { ServerMessage } from '../src/protocol/ws.ts';
import { type RunningBaton, startBaton } from '../src/server/start-baton.ts';
import { callApi } from './support/http.ts';
import { connect, isType } from './support/ws-client.ts';

// Tuesday 09:00 in New York: the spike test fills the 24 hours that follow, the rest runs on Wednesday.
const clock = manualClock(new Date('2026-11-24T14:00:00Z'));
let baton: RunningBaton;

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);

const loginAs = async (email: string) => {
  const l = baton.demoLogins.find((x) => x.email === email)!;
  return (await api('POST', '/api/v1/auth/login', { email: l.email, password: l.password })).body
    .token as string;
};

/** Starts a conversation and sends the customer's turns, letting the bot answer each. */
const chat = async (pack: string, turns: string[]) => {
  const created = (await api('POST', '/api/v1/conversations', { pack })).body;
  const id = created.conversation.id as string;
  for (const [i, text] of turns.entries()) {
    await api(
      'POST',
      `/api/v1/conversations/${id}/messages`,
      { text, clientMessageId: `t${i}` },
      created.customerToken,
    );
    await baton.services.conversations.settle();
  }
  const conversation = (await api('GET', `/api/v1/conversations/${id}`, undefined, created.customerToken))
    .body.conversation;
  return { id, token: created.customerToken as string, conversation };
};

type Sample = { name: string; labels: Record<string, string>; value: number };

/** A small parser of the Prometheus text format; throws on a line it does not understand. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE (\w+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      typed.add(type[1]!);
      continue;
    }
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (-?[\d.e+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!m) throw new Error(`not a metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    const family = m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!typed.has(m[1]!) && !typed.has(family)) throw new Error(`no # TYPE for ${m[1]}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

const scrape = async () => {
  const res = await fetch(`${baton.url}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const samples = parseMetrics(await res.text());
  return (name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
};

const texts = {
  complaint:
    "this is the third time my order arrived broken. I'm done with your store, I want to file a formal complaint",
  priceMatch:
    'I bought the Aurora X2 headphones from you 5 days ago and BestMart now sells them for $40 less, can you match that?',
  fraud: 'there are three charges on my card I never made, someone is using my card!',
  branch: 'what time does the downtown branch open on saturday?',
};

beforeAll(async () => {
  baton = await startBaton({
    config: {
      port: 0,
      host: '127.0.0.1',
      dataDir: '',
      databaseUrl: undefined,
      redisUrl: undefined,
      logLevel: 'silent',
      rateLimitPerMinute: 100_000,
      ipRateLimitPerMinute: 100_000,
    },
    now: clock.now,
    routingTickMs: 0,
  });
});
afterAll(async () => {
  await baton?.close();
});

describe('handoff spikes', () => {
  it('stays quiet on a steady background, then raises one alert for a price-match burst', async () => {
    const admin = await loginAs('admin@baton.local');
    const hook = await api(
      'POST',
      '/api/v1/admin/webhooks',
      { url: 'https://example.com/hook', events: ['alert.raised'] },
      admin,
    );
    const supervisor = await connect(baton.url);
    supervisor.send({ type: 'auth', token: await loginAs('supervisor@baton.local') });
    await supervisor.next(isType('ready'));

    for (let hour = 0; hour < 24; hour++) {
      for (let i = 0; i < 4; i++)
        await baton.services.conversations.start({ pack: i % 2 ? 'retail' : 'bank' });
      if (hour % 3 === 0) await chat('retail', [texts.complaint]);
      if (hour % 8 === 4) await chat('retail', [texts.priceMatch]);
      clock.advance(3600_000);
    }
    const steady = await baton.services.analytics.checkSpikes();
    expect(steady.verdict.kind).toBe('none');
    expect(steady.alert).toBeNull();

    for (let i = 0; i < 12; i++) {
      const burst = await chat('retail', [texts.priceMatch]);
      expect(burst.conversation.state).toBe('queued');
      clock.advance(60_000);
    }
    const spike = await baton.services.analytics.checkSpikes();
    expect(spike.raised).toBe(true);
    expect(spike.verdict.kind === 'spike' && spike.verdict.drivers.rules[0]?.key).toBe('price_match');
    expect(spike.alert?.text).toMatch(/price_match/);
    const notice = await supervisor.next(
      (m): m is Extract<ServerMessage, { type: 'notice' }> => m.type === 'notice' && m.event === 'spike',
    );
    expect(notice).toMatchObject({ level: 'warning', conversationId: null });
    expect(notice.text).toMatch(/price_match/);

    clock.advance(60_000);
    expect((await baton.services.analytics.checkSpikes()).raised).toBe(false);
    const listed = await api(
      'GET',
      '/api/v1/analytics/alerts',
      undefined,
      await loginAs('supervisor@baton.local'),
    );
    expect(listed.body.alerts).toHaveLength(1);
    expect(listed.body.alerts[0]).toMatchObject({ kind: 'handoff_spike', level: 'warning', clearedAt: null });
    // Console sessions last 12 hours; a day has passed.
    const deliveries = await api(
      'GET',
      `/api/v1/admin/webhooks/${hook.body.webhook.id}/deliveries`,
      undefined,
      await loginAs('admin@baton.local'),
    );
    expect(deliveries.body.deliveries.map((d: { eventType: string }) => d.eventType)).toEqual([
      'alert.raised',
    ]);
    await supervisor.close();
  });
});

describe('CSAT, labels, summary and metrics', () => {
  let agentToken: string;
  let supervisorToken: string;
  const since = () => new Date(clock.now().getTime() - 1000).toISOString();
  let from: string;

  beforeAll(async () => {
    clock.advance(3600_000);
    from = since();
    agentToken = await loginAs('fraud@baton.local');
    supervisorToken = await loginAs('supervisor@baton.local');
    await api('POST', '/api/v1/agent/presence', { status: 'online' }, agentToken);
  });

  it('lets a customer end a bot conversation and rate it once, replacing the rating within 24 h', async () => {
    const { id, token } = await chat('bank', [texts.branch]);
    expect((await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 4 }, token)).status).toBe(409);
    const ended = await api('POST', `/api/v1/conversations/${id}/end`, undefined, token);
    expect(ended.body.conversation.state).toBe('resolved');
    expect(
      (await api('POST', `/api/v1/conversations/${id}/end`, undefined, token)).body.conversation.state,
    ).toBe('resolved');
    const first = await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 3, comment: 'ok' }, token);
    expect(first.body.csat).toMatchObject({ rating: 3, comment: 'ok', path: 'bot_only' });
    clock.advance(60_000);
    const second = await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 5 }, token);
    expect(second.body.csat).toMatchObject({
      rating: 5,
      comment: null,
      createdAt: first.body.csat.createdAt,
    });
    expect((await api('GET', `/api/v1/conversations/${id}/csat`, undefined, token)).body.csat.rating).toBe(5);
    const other = await chat('bank', [texts.branch]);
    expect((await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 1 }, other.token)).status).toBe(
      403,
    );
    expect((await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 6 }, token)).status).toBe(400);
    expect(
      (
        await api(
          'POST',
          `/api/v1/agent/conversations/${id}/label`,
          { needed: true, reasonCorrect: true },
          agentToken,
        )
      ).status,
    ).toBe(409);
  });

  it('counts a handoff through to resolution, label and rating in the metrics and the summary', async () => {
    const prev = await scrape();
    const { id, token, conversation } = await chat('bank', [texts.fraud]);
    expect(conversation).toMatchObject({ state: 'queued', team: 'fraud', priority: 'urgent' });
    const offers = (await api('GET', '/api/v1/agent/offers', undefined, agentToken)).body.offers;
    const offer = offers.find((o: { conversationId: string }) => o.conversationId === id);
    clock.advance(20_000);
    await api('POST', `/api/v1/agent/offers/${offer.id}/accept`, undefined, agentToken);
    clock.advance(30_000);
    await api(
      'POST',
      `/api/v1/agent/conversations/${id}/messages`,
      { text: 'I have frozen the card.', clientMessageId: 'a1' },
      agentToken,
    );
    const label = await api(
      'POST',
      `/api/v1/agent/conversations/${id}/label`,
      { needed: true, reasonCorrect: true, note: 'real fraud' },
      agentToken,
    );
    expect(label.body.label).toMatchObject({ needed: true, reasonCorrect: true, note: 'real fraud' });
    clock.advance(300_000);
    await api('POST', `/api/v1/agent/conversations/${id}/resolve`, {}, agentToken);
    const rated = await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 5 }, token);
    expect(rated.body.csat.path).toBe('bot_then_human');
    await fetch(`${baton.url}/no-such-route`);
    const ws = await connect(baton.url);
    ws.raw.send('not json');
    await ws.next(isType('error'));
    await ws.close();

    const next = await scrape();
    const handoff = { pack: 'bank', reason: 'fraud', team: 'fraud', priority: 'urgent' };
    expect(next('baton_handoffs_total', handoff) - prev('baton_handoffs_total', handoff)).toBe(1);
    expect(next('baton_time_to_agent_seconds_count') - prev('baton_time_to_agent_seconds_count')).toBe(1);
    expect(next('baton_time_to_agent_seconds_sum') - prev('baton_time_to_agent_seconds_sum')).toBeCloseTo(
      20,
      0,
    );
    expect(
      next('baton_messages_total', { author: 'agent' }) - prev('baton_messages_total', { author: 'agent' }),
    ).toBe(1);
    expect(next('baton_messages_total', { author: 'customer' })).toBeGreaterThan(
      prev('baton_messages_total', { author: 'customer' }),
    );
    expect(next('baton_csat_total', { path: 'bot_then_human', rating: '5' })).toBe(1);
    // The fraud agent only: the supervisor whose console connected earlier watches and takes no chats.
    expect(next('baton_agents_online', { team: 'fraud' })).toBe(1);
    expect(next('baton_queue_depth', { team: 'customer_care' })).toBeGreaterThan(10);
    expect(
      next('baton_http_requests_total', {
        method: 'POST',
        route: '/api/v1/agent/offers/:id/accept',
        status: '200',
      }),
    ).toBe(1);
    expect(next('baton_http_errors_total', { code: 'NOT_FOUND' })).toBeGreaterThanOrEqual(1);
    expect(next('baton_ws_errors_total', { code: 'INVALID_JSON' })).toBe(1);

    const summary = await api(
      'GET',
      `/api/v1/analytics/summary?from=${encodeURIComponent(from)}&pack=bank`,
      undefined,
      supervisorToken,
    );
    expect(summary.status).toBe(200);
    const s = summary.body;
    expect(s.range).toMatchObject({ pack: 'bank', bucket: 'hour' });
    expect(s.totals).toMatchObject({
      conversations: 3,
      ended: 2,
      contained: 1,
      handedOff: 1,
      containmentRate: 0.5,
    });
    expect(s.byReason.rules).toEqual([{ key: 'fraud', handoffs: 1, share: 1, rate: 0.3333 }]);
    expect(s.byTeam[0]).toMatchObject({ key: 'fraud', handoffs: 1 });
    expect(s.byPriority[0]).toMatchObject({ key: 'urgent', handoffs: 1 });
    expect(s.timeToAgent).toMatchObject({ count: 1, p50: 20 });
    expect(s.firstAgentReply).toMatchObject({ count: 1, p50: 50 });
    expect(s.handleTime).toMatchObject({ count: 1, p50: 330 });
    expect(s.csat.byPath).toEqual([
      { key: 'bot_only', count: 1, average: 5 },
      { key: 'bot_then_human', count: 1, average: 5 },
    ]);
    expect(s.labels).toMatchObject({ count: 1, unnecessary: 0, unnecessaryRate: 0 });
    expect(s.abandonment).toMatchObject({ handoffs: 1, cancelled: 0, rate: 0 });

    expect((await api('GET', '/api/v1/analytics/summary', undefined, agentToken)).status).toBe(403);
    expect(
      (
        await api(
          'GET',
          `/api/v1/analytics/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(from)}`,
          undefined,
          supervisorToken,
        )
      ).status,
    ).toBe(400);
  });

  it('counts a customer who stops waiting as abandonment', async () => {
    const { id, token } = await chat('retail', [texts.complaint]);
    await api('POST', `/api/v1/conversations/${id}/cancel`, undefined, token);
    const s = (
      await api(
        'GET',
        `/api/v1/analytics/summary?from=${encodeURIComponent(from)}&pack=retail`,
        undefined,
        supervisorToken,
      )
    ).body;
    expect(s.abandonment).toMatchObject({ handoffs: 1, cancelled: 1, rate: 1 });
    expect(s.byReason.rules[0].key).toBe('complaint');
  });

  it('counts an SLA breach by team', async () => {
    const prev = await scrape();
    const { conversation } = await chat('retail', [texts.complaint]);
    expect(conversation).toMatchObject({ state: 'queued', team: 'customer_care', priority: 'high' });
    clock.advance(200_000);
    await baton.services.routing.tick();
    const next = await scrape();
    expect(
      next('baton_sla_breaches_total', { team: 'customer_care' }) -
        prev('baton_sla_breaches_total', { team: 'customer_care' }),
    ).toBeGreaterThanOrEqual(1);
    const s = (
      await api(
        'GET',
        `/api/v1/analytics/summary?from=${encodeURIComponent(from)}&pack=retail`,
        undefined,
        supervisorToken,
      )
    ).body;
    expect(s.slaBreaches).toEqual({ count: 1, byTeam: [{ key: 'customer_care', count: 1 }] });
  });

  it('refuses to change a rating after 24 hours', async () => {
    const { id, token } = await chat('bank', [texts.branch]);
    await api('POST', `/api/v1/conversations/${id}/end`, undefined, token);
    await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 2 }, token);
    clock.advance(25 * 3600_000);
    const late = await api('POST', `/api/v1/conversations/${id}/csat`, { rating: 5 }, token);
    expect(late.status).toBe(409);
  });
});
