import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../src/protocol/ws.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { testClock } from './support/test-clock.ts';
import { connect, isType, type TestSocket } from './support/ws-client.ts';

// One agent in a team, as in the demo: what happens when they decline, miss, or the customer leaves; who may
// take what by hand; and supervisors who only watch. The clock is moved and the timers run by hand.
const clock = testClock();
let baton: RunningBaton;
let adminToken: string;
let sup: { token: string; ws: TestSocket; id: string; presence: string };
let solo: { token: string; ws: TestSocket; id: string };

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);
const login = async (email: string, password: string) =>
  (await api('POST', '/api/v1/auth/login', { email, password })).body.token as string;
const tick = () => baton.services.routing.tick();

/** Signs in and connects a console; returns the first presence the server reports. */
const consoleUser = async (token: string) => {
  const ws = await connect(baton.url);
  ws.send({ type: 'auth', token });
  const presence = await ws.next(isType('presence'));
  await ws.next(isType('ready'));
  const id = (await api('GET', '/api/v1/me', undefined, token)).body.agent.id as string;
  return { token, ws, id, presence: presence.status };
};

const handedOff = async (team: string) => {
  const created = await api('POST', '/api/v1/conversations', { pack: 'bank' });
  const id = created.body.conversation.id as string;
  await baton.services.conversations.apply(id, { type: 'handoff', team, priority: 'normal' });
  return { id, customerToken: created.body.customerToken as string };
};
const customerView = async (c: { id: string; customerToken: string }) =>
  (await api('GET', `/api/v1/conversations/${c.id}`, undefined, c.customerToken)).body.conversation;
const offersOf = async (who: { token: string }) =>
  (await api('GET', '/api/v1/agent/offers', undefined, who.token)).body.offers as {
    id: string;
    conversationId: string;
  }[];
const offerEvent =
  (conversationId: string) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'offer' }> =>
    m.type === 'offer' && m.offer.conversationId === conversationId;
const closedEvent =
  (offerId: string) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'offer_closed' }> =>
    m.type === 'offer_closed' && m.offerId === offerId;
const noticeEvent =
  (event: string) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'notice' }> =>
    m.type === 'notice' && m.event === event;

beforeAll(async () => {
  // A long presence grace: the clock jumps here stand for waits, not for dropped connections.
  baton = await startTestBaton({}, { now: clock.now, routingTickMs: 0, presenceGraceSeconds: 24 * 3600 });
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  adminToken = await login(admin.email, admin.password);
  await api(
    'POST',
    '/api/v1/admin/agents',
    {
      email: 'solo@example.com',
      name: 'Solo',
      password: 'Harbor-lantern-92x',
      teams: ['loans'],
      capacity: 1,
    },
    adminToken,
  );
  const supLogin = baton.demoLogins.find((l) => l.role === 'supervisor')!;
  sup = await consoleUser(await login(supLogin.email, supLogin.password));
  solo = await consoleUser(await login('solo@example.com', 'Harbor-lantern-92x'));
});
afterAll(async () => {
  await sup?.ws.close();
  await solo?.ws.close();
  await baton?.close();
});

describe('a lone agent who declines or misses an offer', () => {
  it('gets the conversation again after the cool-down; meanwhile the customer is quoted the cool-down', async () => {
    const c = await handedOff('loans');
    const first = await solo.ws.next(offerEvent(c.id));
    await api('POST', `/api/v1/agent/offers/${first.offer.id}/decline`, undefined, solo.token);

    const waiting = await customerView(c);
    expect(waiting).toMatchObject({ state: 'queued', agentsAvailable: true });
    // The agent may have it again in at most 60 s, plus the time to accept.
    expect(waiting.estimatedWaitSeconds).toBeGreaterThan(10);
    expect(waiting.estimatedWaitSeconds).toBeLessThanOrEqual(70);
    const marks = (await api('GET', '/api/v1/agent/queue/refusals', undefined, solo.token)).body.refusals;
    expect(marks).toEqual([
      expect.objectContaining({
        conversationId: c.id,
        agentId: solo.id,
        agentName: 'Solo',
        kind: 'declined',
      }),
    ]);

    await tick();
    expect(await offersOf(solo)).toEqual([]);
    clock.advance(61_000);
    await tick();
    const again = await solo.ws.next(offerEvent(c.id));
    expect(again.offer.id).not.toBe(first.offer.id);
    const accepted = await api(
      'POST',
      `/api/v1/agent/offers/${again.offer.id}/accept`,
      undefined,
      solo.token,
    );
    expect(accepted.body.conversation).toMatchObject({ state: 'assigned', assigneeId: solo.id });
    await api('POST', `/api/v1/agent/conversations/${c.id}/resolve`, {}, solo.token);
  });

  it('after two missed offers in a row is set away, supervisors are told, and the customer hears nobody is available', async () => {
    const c = await handedOff('loans');
    const first = await solo.ws.next(offerEvent(c.id));
    clock.advance(31_000);
    await tick();
    expect((await solo.ws.next(closedEvent(first.offer.id))).reason).toBe('expired');
    expect(await customerView(c)).toMatchObject({ state: 'queued', agentsAvailable: true });

    clock.advance(61_000);
    await tick();
    const second = await solo.ws.next(offerEvent(c.id));
    clock.advance(31_000);
    await tick();
    expect((await solo.ws.next(closedEvent(second.offer.id))).reason).toBe('expired');
    expect((await solo.ws.next(isType('presence'))).status).toBe('away');
    expect((await solo.ws.next(noticeEvent('agent.missed_offers'))).text).toMatch(/missed 2 offers/);
    const notice = await sup.ws.next(noticeEvent('agent.missed_offers'));
    expect(notice).toMatchObject({ conversationId: c.id, level: 'warning' });
    expect(notice.text).toMatch(/Solo missed 2 offers in a row/);

    expect(await customerView(c)).toMatchObject({
      state: 'queued',
      agentsAvailable: false,
      estimatedWaitSeconds: null,
    });
    const marks = (await api('GET', '/api/v1/agent/queue/refusals', undefined, sup.token)).body.refusals;
    expect(marks.filter((m: { conversationId: string }) => m.conversationId === c.id)).toEqual([
      expect.objectContaining({ agentId: solo.id, kind: 'expired' }),
      expect.objectContaining({ agentId: solo.id, kind: 'expired' }),
    ]);
    // Away, Solo is offered nothing, however long the customer waits; the queue shows them to supervisors.
    clock.advance(61_000);
    await tick();
    expect(await offersOf(solo)).toEqual([]);

    // Back online: the conversation is offered again (its cool-down is over by now).
    await api('POST', '/api/v1/agent/presence', { status: 'online' }, solo.token);
    const back = await solo.ws.next(offerEvent(c.id));
    await api('POST', `/api/v1/agent/offers/${back.offer.id}/accept`, undefined, solo.token);
    await api('POST', `/api/v1/agent/conversations/${c.id}/resolve`, {}, solo.token);
  });
});

describe('a customer who stops waiting', () => {
  it('withdraws the offer at once, which frees the agent for the next customer', async () => {
    const a = await handedOff('loans');
    const offer = await solo.ws.next(offerEvent(a.id));
    const b = await handedOff('loans');
    expect(await customerView(b)).toMatchObject({ state: 'queued' });

    const cancelled = await api('POST', `/api/v1/conversations/${a.id}/cancel`, {}, a.customerToken);
    expect(cancelled.body.conversation.state).toBe('bot');
    expect((await solo.ws.next(closedEvent(offer.offer.id))).reason).toBe('the customer stopped waiting');
    const next = await solo.ws.next(offerEvent(b.id));
    expect((await offersOf(solo)).map((o) => o.id)).toEqual([next.offer.id]);
    const gone = await api('POST', `/api/v1/agent/offers/${offer.offer.id}/accept`, undefined, solo.token);
    expect(gone.status).toBe(409);
    await api('POST', `/api/v1/agent/offers/${next.offer.id}/accept`, undefined, solo.token);
  });
});

describe('taking a conversation by hand', () => {
  it('refuses an agent at capacity or outside their team, and lets a supervisor override both, logged', async () => {
    // Solo (capacity 1) holds the conversation accepted above.
    const fromBot = (await api('POST', '/api/v1/conversations', { pack: 'bank' })).body.conversation.id;
    const full = await api('POST', `/api/v1/agent/conversations/${fromBot}/take`, {}, solo.token);
    expect([full.status, full.body.code]).toEqual([409, 'AGENT_AT_CAPACITY']);

    const fraud = await handedOff('fraud');
    const other = await api('POST', `/api/v1/agent/conversations/${fraud.id}/take`, {}, solo.token);
    expect([other.status, other.body.code]).toEqual([403, 'NOT_IN_TEAM']);
    expect(await customerView(fraud)).toMatchObject({ state: 'queued', assigneeId: null });

    const taken = await api('POST', `/api/v1/agent/conversations/${fraud.id}/take`, {}, sup.token);
    expect(taken.body.conversation).toMatchObject({ state: 'assigned', assigneeId: sup.id, team: 'fraud' });
    const log = (await api('GET', `/api/v1/agent/conversations/${fraud.id}`, undefined, sup.token)).body
      .messages;
    const override = log.find((m: { metadata: { event?: string } }) => m.metadata.event === 'claim_override');
    expect(override).toMatchObject({ internal: true, authorKind: 'system' });
    expect(override.text).toMatch(
      /Override: Sam Supervisor took this conversation outside their teams \(fraud\)/,
    );
    const customerSees = (
      await api('GET', `/api/v1/conversations/${fraud.id}/messages`, undefined, fraud.customerToken)
    ).body.messages;
    expect(customerSees.some((m: { text: string }) => m.text.includes('Override'))).toBe(false);
  });

  it('never lets an agent hold more than their capacity, however many takes arrive at once', async () => {
    await api(
      'POST',
      '/api/v1/admin/agents',
      {
        email: 'duo@example.com',
        name: 'Duo',
        password: 'Harbor-lantern-92x',
        teams: ['support'],
        capacity: 2,
      },
      adminToken,
    );
    const duo = await login('duo@example.com', 'Harbor-lantern-92x');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await api('POST', '/api/v1/conversations', { pack: 'bank' })).body.conversation.id);
    const results = await Promise.all(
      ids.map((id) => api('POST', `/api/v1/agent/conversations/${id}/take`, {}, duo)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status !== 200).map((r) => r.body.code)).toEqual(
      Array(4).fill('AGENT_AT_CAPACITY'),
    );
  });
});

describe('a supervisor who signs in', () => {
  it('is away on connect, offered nothing and not counted in the wait, until they choose to take chats', async () => {
    expect(sup.presence).toBe('away');
    // Even as a member of the team, a supervisor who only watches takes no chats.
    const joined = await api('PUT', '/api/v1/agent/me/teams', { teams: ['support'] }, sup.token);
    expect(joined.body.agent.teams).toEqual(['support']);
    const agentTries = await api('PUT', '/api/v1/agent/me/teams', { teams: ['fraud'] }, solo.token);
    expect(agentTries.status).toBe(403);
    const unknown = await api('PUT', '/api/v1/agent/me/teams', { teams: ['nope'] }, sup.token);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    const c = await handedOff('support');
    await tick();
    expect(await offersOf(sup)).toEqual([]);
    expect(await customerView(c)).toMatchObject({ agentsAvailable: false, estimatedWaitSeconds: null });

    await api('POST', '/api/v1/agent/presence', { status: 'online' }, sup.token);
    const offer = await sup.ws.next(offerEvent(c.id));
    expect(offer.offer.team).toBe('support');
    // A console reconnect keeps the choice.
    const again = await consoleUser(sup.token);
    expect(again.presence).toBe('online');
    await again.ws.close();
  });
});
