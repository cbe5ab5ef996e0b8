import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../src/protocol/ws.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { testClock } from './support/test-clock.ts';
import { connect, isType, type TestSocket } from './support/ws-client.ts';

const clock = testClock();
let baton: RunningBaton;
let adminToken: string;

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);

const login = async (email: string, password: string) =>
  (await api('POST', '/api/v1/auth/login', { email, password })).body.token as string;

/** A console user with a live connection (which makes them online). */
const onlineAgent = async (name: string, teams: string[], capacity = 2) => {
  const email = `${name}@example.com`;
  await api(
    'POST',
    '/api/v1/admin/agents',
    { email, name, password: 'amber-lantern-42', teams, capacity },
    adminToken,
  );
  const token = await login(email, 'amber-lantern-42');
  const ws = await connect(baton.url);
  ws.send({ type: 'auth', token });
  await ws.next(isType('ready'));
  const me = (await api('GET', '/api/v1/me', undefined, token)).body.agent;
  return { token, ws, id: me.id as string };
};

const handedOff = async (team: string, priority: 'normal' | 'high' | 'urgent' = 'normal') => {
  const created = await api('POST', '/api/v1/conversations', { pack: 'bank' });
  const id = created.body.conversation.id as string;
  await baton.services.conversations.apply(id, { type: 'handoff', team, priority });
  return { id, customerToken: created.body.customerToken as string };
};

type Agent = { token: string; ws: TestSocket; id: string };

/** Waits until one of the agents holds a pending offer for the conversation (read through the API). */
const offeredTo = async (conversationId: string, agents: Agent[]) => {
  for (let i = 0; i < 100; i++) {
    for (const who of agents) {
      const offers = (await api('GET', '/api/v1/agent/offers', undefined, who.token)).body.offers as {
        id: string;
        conversationId: string;
        priority: string;
      }[];
      const offer = offers.find((o) => o.conversationId === conversationId);
      if (offer) return { who, offer };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no offer for ${conversationId}`);
};

const isOffer =
  (conversationId: string) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'offer' }> =>
    m.type === 'offer' && m.offer.conversationId === conversationId;

beforeAll(async () => {
  baton = await startTestBaton({}, { now: clock.now, routingTickMs: 0 });
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  adminToken = await login(admin.email, admin.password);
  // The demo accounts stay offline in these tests; only agents created here connect.
});
afterAll(async () => {
  await baton?.close();
});

describe('routing a handoff to an agent', () => {
  let ana: { token: string; ws: TestSocket; id: string };
  let ben: { token: string; ws: TestSocket; id: string };

  beforeAll(async () => {
    ana = await onlineAgent('ana', ['fraud'], 1);
    ben = await onlineAgent('ben', ['fraud'], 2);
  });

  it('offers to the least busy agent; accepting assigns and tells the customer who is joining', async () => {
    const { id, customerToken } = await handedOff('fraud');
    const { who: taker, offer } = await offeredTo(id, [ana, ben]);
    await taker.ws.next(isOffer(id));
    const accepted = await api('POST', `/api/v1/agent/offers/${offer.id}/accept`, undefined, taker.token);
    expect(accepted.body.conversation).toMatchObject({ state: 'assigned', assigneeId: taker.id });
    const again = await api('POST', `/api/v1/agent/offers/${offer.id}/accept`, undefined, taker.token);
    expect(again.status).toBe(409);
    const messages = (await api('GET', `/api/v1/conversations/${id}/messages`, undefined, customerToken)).body
      .messages;
    expect(messages.at(-1).text).toMatch(/(ana|ben) from Fraud.* is joining/i);
    await api('POST', `/api/v1/agent/conversations/${id}/resolve`, {}, taker.token);
  });

  it('moves a declined offer on to the next agent', async () => {
    const { id } = await handedOff('fraud');
    const first = await offeredTo(id, [ana, ben]);
    const other = first.who === ana ? ben : ana;
    await api('POST', `/api/v1/agent/offers/${first.offer.id}/decline`, undefined, first.who.token);
    const second = await offeredTo(id, [other]);
    const accepted = await api(
      'POST',
      `/api/v1/agent/offers/${second.offer.id}/accept`,
      undefined,
      other.token,
    );
    expect(accepted.body.conversation.assigneeId).toBe(other.id);
    await api('POST', `/api/v1/agent/conversations/${id}/resolve`, {}, other.token);
  });

  it('expires an unanswered offer and offers it again elsewhere', async () => {
    const { id } = await handedOff('fraud');
    const first = await offeredTo(id, [ana, ben]);
    clock.advance(31_000);
    await baton.services.routing.tick();
    const closed = await first.who.ws.next(
      (m): m is Extract<ServerMessage, { type: 'offer_closed' }> =>
        m.type === 'offer_closed' && m.offerId === first.offer.id,
    );
    expect(closed.reason).toBe('expired');
    const other = first.who === ana ? ben : ana;
    const second = await offeredTo(id, [other]);
    await api('POST', `/api/v1/agent/offers/${second.offer.id}/accept`, undefined, other.token);
    await api('POST', `/api/v1/agent/conversations/${id}/resolve`, {}, other.token);
  });

  it('requeues at the front, with a note, when the agent steps away', async () => {
    const { id, customerToken } = await handedOff('fraud', 'high');
    const first = await offeredTo(id, [ana, ben]);
    await api('POST', `/api/v1/agent/offers/${first.offer.id}/accept`, undefined, first.who.token);
    const other = first.who === ana ? ben : ana;
    await api('POST', '/api/v1/agent/presence', { status: 'away' }, other.token);
    await api('POST', '/api/v1/agent/presence', { status: 'away' }, first.who.token);
    const after = (await api('GET', `/api/v1/conversations/${id}`, undefined, customerToken)).body
      .conversation;
    if (after.state !== 'queued') console.log(after);
    expect(after).toMatchObject({
      state: 'queued',
      priority: 'high',
      queuePosition: 1,
      agentsAvailable: false,
    });
    const texts = (
      await api('GET', `/api/v1/conversations/${id}/messages`, undefined, customerToken)
    ).body.messages.map((m: { text: string }) => m.text);
    expect(texts.join('\n')).toMatch(/back at the front of the queue/);
    await api('POST', '/api/v1/agent/presence', { status: 'online' }, other.token);
    const offer = await offeredTo(id, [other]);
    await api('POST', `/api/v1/agent/offers/${offer.offer.id}/accept`, undefined, other.token);
    await api('POST', `/api/v1/agent/conversations/${id}/resolve`, {}, other.token);
    await api('POST', '/api/v1/agent/presence', { status: 'online' }, first.who.token);
  });

  it('never gives an agent more than their capacity', async () => {
    const loner = await onlineAgent('cara', ['loans'], 1);
    const a = await handedOff('loans');
    const b = await handedOff('loans', 'urgent');
    const firstOffer = await offeredTo(a.id, [loner]);
    await api('POST', `/api/v1/agent/offers/${firstOffer.offer.id}/accept`, undefined, loner.token);
    const queued = (await api('GET', `/api/v1/conversations/${b.id}`, undefined, b.customerToken)).body
      .conversation;
    if (queued.state !== 'queued') console.log(queued);
    expect(queued).toMatchObject({ state: 'queued', queuePosition: 1 });
    expect(queued.estimatedWaitSeconds).toBeGreaterThan(0);
    await api('POST', `/api/v1/agent/conversations/${a.id}/resolve`, {}, loner.token);
    const next = await offeredTo(b.id, [loner]);
    expect(next.offer.priority).toBe('urgent');
    await api('POST', '/api/v1/agent/presence', { status: 'offline' }, loner.token);
  });

  it('lets the customer stop waiting, or leave a message when nobody is there', async () => {
    const { id, customerToken } = await handedOff('support');
    const messages = (await api('GET', `/api/v1/conversations/${id}/messages`, undefined, customerToken)).body
      .messages;
    expect(messages.at(-1).text).toMatch(/leave a message|callback/i);
    const ticket = await api(
      'POST',
      `/api/v1/conversations/${id}/ticket`,
      { kind: 'message', email: 'me@example.com', note: 'call me' },
      customerToken,
    );
    expect(ticket.status).toBe(201);
    const notice = await ana.ws.next(
      (m): m is Extract<ServerMessage, { type: 'notice' }> => m.type === 'notice' && m.conversationId === id,
    );
    expect(notice.event).toBe('ticket.created');
    const tickets = (await api('GET', '/api/v1/agent/tickets', undefined, ana.token)).body.tickets;
    expect(tickets.map((t: { conversationId: string }) => t.conversationId)).toContain(id);
    const bad = await api('POST', `/api/v1/conversations/${id}/ticket`, { kind: 'callback' }, customerToken);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const cancelled = await api('POST', `/api/v1/conversations/${id}/cancel`, {}, customerToken);
    expect(cancelled.body.conversation.state).toBe('bot');
  });

  it('flags an SLA breach, bumps the priority and tells supervisors', async () => {
    const sup = baton.demoLogins.find((l) => l.role === 'supervisor')!;
    const supToken = await login(sup.email, sup.password);
    const supWs = await connect(baton.url);
    supWs.send({ type: 'auth', token: supToken });
    await supWs.next(isType('ready'));
    await api('POST', '/api/v1/agent/presence', { status: 'away' }, supToken);
    const { id, customerToken } = await handedOff('support', 'normal');
    clock.advance(601_000);
    await baton.services.routing.tick();
    const queues = (await api('GET', '/api/v1/supervisor/queues', undefined, supToken)).body.queues;
    expect(queues.find((q: { team: string }) => q.team === 'support')).toMatchObject({
      depth: expect.any(Number),
      slaBreached: 1,
    });
    expect((await api('GET', '/api/v1/supervisor/queues', undefined, ana.token)).status).toBe(403);
    const notice = await supWs.next(
      (m): m is Extract<ServerMessage, { type: 'notice' }> => m.type === 'notice' && m.conversationId === id,
    );
    expect(notice.event).toBe('sla.breached');
    const after = (await api('GET', `/api/v1/conversations/${id}`, undefined, customerToken)).body
      .conversation;
    expect(after.priority).toBe('high');

    // A conversation whose agent answered in time does not breach. (The clock jump took everyone offline.)
    for (const who of [ana, ben])
      await api('POST', '/api/v1/agent/presence', { status: 'online' }, who.token);
    const answered = await handedOff('fraud', 'normal');
    const offer = await offeredTo(answered.id, [ana, ben]);
    await api('POST', `/api/v1/agent/offers/${offer.offer.id}/accept`, undefined, offer.who.token);
    await api(
      'POST',
      `/api/v1/agent/conversations/${answered.id}/messages`,
      { text: 'Hello, I am on it', clientMessageId: 'sla-1' },
      offer.who.token,
    );
    clock.advance(601_000);
    await baton.services.routing.tick();
    const still = (
      await api('GET', `/api/v1/conversations/${answered.id}`, undefined, answered.customerToken)
    ).body.conversation;
    expect(still.priority).toBe('normal');
    await api('POST', `/api/v1/agent/conversations/${answered.id}/resolve`, {}, offer.who.token);
    await supWs.close();
  });

  it('transfers to a named agent, and only the assigned agent may resolve', async () => {
    for (const who of [ana, ben])
      await api('POST', '/api/v1/agent/presence', { status: 'online' }, who.token);
    const { id } = await handedOff('fraud');
    const first = await offeredTo(id, [ana, ben]);
    await api('POST', `/api/v1/agent/offers/${first.offer.id}/accept`, undefined, first.who.token);
    const other = first.who === ana ? ben : ana;
    const refused = await api('POST', `/api/v1/agent/conversations/${id}/resolve`, {}, other.token);
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const moved = await api(
      'POST',
      `/api/v1/agent/conversations/${id}/transfer`,
      { agentId: other.id, note: 'please take this one' },
      first.who.token,
    );
    expect(moved.status).toBe(200);
    const offer = await offeredTo(id, [other]);
    await api('POST', `/api/v1/agent/offers/${offer.offer.id}/accept`, undefined, other.token);
    await api('POST', `/api/v1/agent/conversations/${id}/resolve`, {}, other.token);
  });

  it('tells agents where they can transfer to', async () => {
    await api('POST', '/api/v1/agent/presence', { status: 'online' }, ben.token);
    const targets = (await api('GET', '/api/v1/agent/transfer-targets', undefined, ana.token)).body;
    expect(targets.teams.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining(['fraud', 'loans', 'support']),
    );
    expect(targets.agents.find((a: { id: string }) => a.id === ben.id)).toMatchObject({
      name: 'ben',
      online: true,
    });
  });

  it('lets an admin change a team and refuses a bad time zone', async () => {
    const ok = await api(
      'PATCH',
      '/api/v1/admin/teams/fraud',
      { autoAccept: false, offerTimeoutSeconds: 20 },
      adminToken,
    );
    expect(ok.body.team.offerTimeoutSeconds).toBe(20);
    const bad = await api(
      'PATCH',
      '/api/v1/admin/teams/fraud',
      { businessHours: { timezone: 'Mars/Olympus', weekly: {} } },
      adminToken,
    );
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  afterAll(async () => {
    await ana?.ws.close();
    await ben?.ws.close();
  });
});
