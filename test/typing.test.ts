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

/** A console user with a display name different from their login, connected. */
const consoleUser = async (login_: string, name: string) => {
  const email = `${login_}@example.com`;
  await api(
    'POST',
    '/api/v1/admin/agents',
    { email, name, password: 'amber-lantern-42', teams: ['fraud'], capacity: 2 },
    adminToken,
  );
  const token = await login(email, 'amber-lantern-42');
  const ws = await connect(baton.url);
  ws.send({ type: 'auth', token });
  await ws.next(isType('ready'));
  const id = (await api('GET', '/api/v1/me', undefined, token)).body.agent.id as string;
  return { token, ws, id };
};

const isTyping =
  (typing: boolean) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'typing' }> =>
    m.type === 'typing' && m.typing === typing;

const sockets: TestSocket[] = [];
beforeAll(async () => {
  baton = await startTestBaton({ apiKeys: ['test-key-123'] }, { now: clock.now, routingTickMs: 0 });
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  adminToken = await login(admin.email, admin.password);
}, 180_000);
afterAll(async () => {
  for (const s of sockets) await s.close();
  await baton?.close();
});

describe('typing and names between the customer and the agent', () => {
  it('relays typing both ways with names, and the customer sees the agent by display name', async () => {
    const agent = await consoleUser('dk7', 'Dana Kim');
    const watcher = await consoleUser('zz9', 'Zed Ward');
    sockets.push(agent.ws, watcher.ws);
    const created = (
      await api('POST', '/api/v1/conversations', { pack: 'bank', customer: { name: 'Priya Shah' } })
    ).body;
    const id = created.conversation.id as string;
    const customer = await connect(baton.url);
    sockets.push(customer);
    customer.send({ type: 'auth', token: created.customerToken });
    await customer.next(isType('ready'));
    customer.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
    await customer.next(isType('conversation'));
    await api('POST', `/api/v1/agent/conversations/${id}/take`, {}, agent.token);
    for (const ws of [agent.ws, watcher.ws]) {
      ws.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
      await ws.next(isType('conversation'));
    }

    customer.send({ type: 'typing', conversationId: id, typing: true });
    for (const ws of [agent.ws, watcher.ws]) {
      expect(await ws.next(isTyping(true))).toMatchObject({
        conversationId: id,
        authorKind: 'customer',
        name: 'Priya Shah',
      });
    }
    agent.ws.send({ type: 'typing', conversationId: id, typing: true });
    expect(await customer.next(isTyping(true))).toMatchObject({ authorKind: 'agent', name: 'Dana Kim' });
    agent.ws.send({ type: 'typing', conversationId: id, typing: false });
    expect(await customer.next(isTyping(false))).toMatchObject({ authorKind: 'agent' });
    // Nobody hears their own side.
    expect(customer.received.some((m) => m.type === 'typing' && m.authorKind === 'customer')).toBe(false);

    // An agent who does not hold the conversation cannot type to its customer.
    watcher.ws.send({ type: 'typing', conversationId: id, typing: true });
    expect(await watcher.ws.next(isType('error'))).toMatchObject({ code: 'FORBIDDEN', ref: id });

    agent.ws.send({ type: 'send', conversationId: id, clientMessageId: 'a-1', text: 'Hi Priya, Dana here.' });
    const reply = await customer.next(
      (m): m is Extract<ServerMessage, { type: 'message' }> =>
        m.type === 'message' && m.message.authorKind === 'agent',
    );
    expect(reply.message.metadata).toEqual({ authorName: 'Dana Kim' });
  });

  it('refuses typing on a conversation that is not the customer token’s', async () => {
    const a = (await api('POST', '/api/v1/conversations', { pack: 'bank' })).body;
    const b = (await api('POST', '/api/v1/conversations', { pack: 'bank' })).body;
    const customer = await connect(baton.url);
    sockets.push(customer);
    customer.send({ type: 'auth', token: a.customerToken });
    await customer.next(isType('ready'));
    customer.send({ type: 'typing', conversationId: b.conversation.id, typing: true });
    expect(await customer.next(isType('error'))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the tickets list, live', () => {
  it('tells every console when a ticket is left and when it is closed', async () => {
    const agent = await consoleUser('tk1', 'Tia Kent');
    sockets.push(agent.ws);
    const created = (await api('POST', '/api/v1/conversations', { pack: 'bank' })).body;
    const left = await api(
      'POST',
      `/api/v1/conversations/${created.conversation.id}/ticket`,
      { kind: 'callback', phone: '+1 555 201 7788' },
      created.customerToken,
    );
    expect(left.status).toBe(201);
    const ticketId = left.body.ticket.id as string;
    const isTickets =
      (event: 'created' | 'closed') =>
      (m: ServerMessage): m is Extract<ServerMessage, { type: 'tickets' }> =>
        m.type === 'tickets' && m.event === event && m.ticketId === ticketId;
    await agent.ws.next(isTickets('created'));
    await api('POST', `/api/v1/agent/tickets/${ticketId}/close`, {}, adminToken);
    await agent.ws.next(isTickets('closed'));
  });
});

describe('the customer named by the host page', () => {
  it('names an anonymous visitor for the console, refuses bad input, and leaves a verified customer alone', async () => {
    const created = (await api('POST', '/api/v1/conversations', { pack: 'bank' })).body;
    const id = created.conversation.id as string;
    const named = await api(
      'POST',
      `/api/v1/conversations/${id}/customer`,
      { name: 'Priya Shah', email: 'priya@example.com' },
      created.customerToken,
    );
    expect(named.body.customer).toEqual({ name: 'Priya Shah', email: 'priya@example.com' });
    const seen = (await api('GET', `/api/v1/agent/conversations/${id}`, undefined, adminToken)).body;
    expect(seen.customer).toMatchObject({ name: 'Priya Shah' });

    const empty = await api('POST', `/api/v1/conversations/${id}/customer`, {}, created.customerToken);
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const other = (await api('POST', '/api/v1/conversations', { pack: 'bank' })).body;
    const foreign = await api(
      'POST',
      `/api/v1/conversations/${id}/customer`,
      { name: 'Mallory' },
      other.customerToken,
    );
    expect(foreign.status).toBe(403);

    const known = await fetch(`${baton.url}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'test-key-123' },
      body: JSON.stringify({ pack: 'bank', customer: { externalId: 'hb-77', name: 'Ana Silva' } }),
    }).then((r) => r.json() as Promise<{ conversation: { id: string }; customerToken: string }>);
    const kept = await api(
      'POST',
      `/api/v1/conversations/${known.conversation.id}/customer`,
      { name: 'Someone Else' },
      known.customerToken,
    );
    expect(kept.body.customer.name).toBe('Ana Silva');
  });
});
