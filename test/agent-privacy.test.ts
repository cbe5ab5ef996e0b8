import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../src/handoff/redact-pii.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { type ApiResponse, callApi, startTestBaton } from './support/http.ts';
import { testClock } from './support/test-clock.ts';
import { connect, isType, type TestSocket } from './support/ws-client.ts';

/** A Luhn-valid card number ending in `last4`, in groups of four. */
function cardEnding(last4: string): string {
  for (let d = 0; d < 10; d++) {
    const digits = `400000${d}00000${last4}`;
    if (luhnValid(digits)) return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
  }
  throw new Error(`no card ends in ${last4}`);
}

/** One value a customer or another system typed, the field it went into, and what an agent must see instead. */
type Planted = { field: string; clear: string; mask: string };
const planted: Planted[] = [];
const card = (field: string, last4: string, spaced = true) => {
  const clear = spaced ? cardEnding(last4) : cardEnding(last4).replaceAll(' ', '');
  planted.push({ field, clear, mask: `[card ****${last4}]` });
  return clear;
};
const ssn = (field: string, last4: string) => {
  const clear = `123-45-${last4}`;
  planted.push({ field, clear, mask: `[ssn ***-**-${last4}]` });
  return clear;
};
const secret = (field: string, key: string, clear: string) => {
  planted.push({ field, clear, mask: `[secret ${key}]` });
  return clear;
};

const clock = testClock();
let baton: RunningBaton;
let agentToken: string;
let supervisorToken: string;
let agentSocket: TestSocket;
/** Every response body and WebSocket frame the agent received, as sent. */
const seenByAgent: string[] = [];
/** The routes (method and OpenAPI path) the agent called. */
const called = new Set<string>();

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);
const apiKeyPost = async (path: string, body: unknown) => {
  const res = await fetch(`${baton.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'test-key-123' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() } as ApiResponse;
};
/** Calls the API as the agent, recording the route and what came back. */
const asAgent = async (method: string, route: string, ids: Record<string, string> = {}, body?: unknown) => {
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'missing');
  const res = await api(method, path, body, agentToken);
  called.add(`${method} ${route}`);
  seenByAgent.push(JSON.stringify(res.body));
  return res;
};

beforeAll(async () => {
  baton = await startTestBaton({ apiKeys: ['test-key-123'] }, { now: clock.now, routingTickMs: 0 });
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  const supervisor = baton.demoLogins.find((l) => l.role === 'supervisor')!;
  const login = async (email: string, password: string) =>
    (await api('POST', '/api/v1/auth/login', { email, password })).body.token as string;
  const adminToken = await login(admin.email, admin.password);
  supervisorToken = await login(supervisor.email, supervisor.password);
  await api(
    'POST',
    '/api/v1/admin/agents',
    {
      email: 'pat@example.com',
      name: 'Pat',
      password: 'Harbor-lantern-92x',
      teams: ['adjusters', 'service'],
      capacity: 5,
    },
    adminToken,
  );
  agentToken = await login('pat@example.com', 'Harbor-lantern-92x');
  agentSocket = await connect(baton.url);
  agentSocket.raw.on('message', (data) => seenByAgent.push(String(data)));
  agentSocket.send({ type: 'auth', token: agentToken });
  await agentSocket.next(isType('ready'));
});
afterAll(async () => {
  await agentSocket?.close();
  await baton?.close();
});

describe('what an agent sees of personal data', () => {
  it('is masked on every route and push an agent can reach, in every field others fill', async () => {
    // A customer whose site started the conversation (with its API key: attributes need one), with personal data
    // in every field of their profile.
    const started = await apiKeyPost('/api/v1/conversations', {
      pack: 'insurance',
      channel: card('conversation channel', '1006'),
      customer: {
        name: `Ana ${ssn('customer name', '1001')}`,
        email: `${card('customer email', '1002', false)}@example.com`,
        attributes: {
          note: `card ${card('customer attribute', '1003')}`,
          dob: secret('customer attribute under a secret key', 'dob', '1990-01-02'),
          nested: { list: [`old card ${card('nested customer attribute', '1005')}`] },
        },
      },
    });
    expect(started.status).toBe(201);
    const visitor = {
      id: started.body.conversation.id as string,
      token: started.body.customerToken as string,
    };
    const sent = await api(
      'POST',
      `/api/v1/conversations/${visitor.id}/messages`,
      {
        text: `I need a person, my card ${card('message text', '1007')} was charged and my ssn is ${ssn('message text', '1008')}`,
        clientMessageId: `c ${ssn('client message id', '1009')}`,
      },
      visitor.token,
    );
    expect(sent.status).toBe(201);
    await baton.services.conversations.settle();
    const ticket = await api(
      'POST',
      `/api/v1/conversations/${visitor.id}/ticket`,
      {
        kind: 'callback',
        phone: `ssn ${ssn('ticket contact', '1011')}`,
        note: `call me about ${card('ticket note', '1010')}`,
      },
      visitor.token,
    );
    expect(ticket.status).toBe(201);
    const upload = await fetch(
      `${baton.url}/api/v1/conversations/${visitor.id}/documents?${new URLSearchParams({
        name: `statement ${card('document name', '1021')}.txt`,
        clientId: 'doc-1',
      })}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${visitor.token}`, 'content-type': 'application/octet-stream' },
        body: 'a plain text statement',
      },
    );
    expect(upload.status).toBe(201);
    const documentId = ((await upload.json()) as { document: { id: string } }).document.id;

    // A widget visitor's rated conversation: the name and the comment are theirs.
    const rated = (
      await api('POST', '/api/v1/conversations', {
        pack: 'bank',
        customer: { name: `Kim ${ssn('anonymous customer name', '1020')}` },
      })
    ).body;
    await api('POST', `/api/v1/conversations/${rated.conversation.id}/end`, undefined, rated.customerToken);
    const csat = await api(
      'POST',
      `/api/v1/conversations/${rated.conversation.id}/csat`,
      { rating: 2, comment: `you charged ${card('csat comment', '1012')}` },
      rated.customerToken,
    );
    expect(csat.status).toBe(200);

    // Another system's bot hands a conversation over with its own transcript and context.
    const external = await apiKeyPost('/api/v1/handoffs', {
      pack: 'insurance',
      customer: {
        name: `Lee ${ssn('external customer name', '1013')}`,
        externalId: ssn('external customer id', '1014'),
        attributes: { account: card('external customer attribute', '1015') },
      },
      transcript: [
        { author: 'customer', text: `my card ${card('external transcript', '1016')} was stolen` },
        { author: 'bot', text: 'I will get you to a person.' },
      ],
      team: 'adjusters',
      reasons: [`customer gave ${ssn('external reason', '1017')}`],
      context: { slots: { card: card('external context', '1018') } },
      source: `bot ${ssn('external source', '1019')}`,
    });
    expect(external.status).toBe(201);
    const handedOver = external.body.conversation.id as string;
    const rest = { id: visitor.id };

    // The agent at work: every route the console may call, and the pushes that come with them.
    const offer = await agentSocket.next(
      (m): m is Extract<typeof m, { type: 'offer' }> =>
        m.type === 'offer' && m.offer.conversationId === handedOver,
      20_000,
    );
    await asAgent('POST', '/api/v1/agent/presence', {}, { status: 'online' });
    await asAgent('GET', '/api/v1/me');
    await asAgent('GET', '/api/v1/agent/offers');
    await asAgent('POST', '/api/v1/agent/offers/{id}/decline', { id: 'offer_none' });
    expect((await asAgent('POST', '/api/v1/agent/offers/{id}/accept', { id: offer.offer.id })).status).toBe(
      200,
    );
    for (const id of [visitor.id, handedOver]) {
      agentSocket.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
    }
    await asAgent('GET', '/api/v1/agent/conversations');
    await asAgent('GET', '/api/v1/agent/macros');
    await asAgent('GET', '/api/v1/agent/tickets');
    await asAgent('GET', '/api/v1/agent/transfer-targets');
    for (const id of [visitor.id, handedOver, rated.conversation.id as string]) {
      await asAgent('GET', '/api/v1/agent/conversations/{id}', { id });
      await asAgent('GET', '/api/v1/agent/conversations/{id}/context', { id });
      await asAgent('GET', '/api/v1/agent/conversations/{id}/label', { id });
      await asAgent('GET', '/api/v1/conversations/{id}', { id });
      await asAgent('GET', '/api/v1/conversations/{id}/messages', { id });
      await asAgent('GET', '/api/v1/conversations/{id}/csat', { id });
    }
    const context = await asAgent('GET', '/api/v1/agent/conversations/{id}/context', { id: handedOver });
    const token = (context.body.context.redactions as { token: string }[])[0]!.token;
    expect(
      (
        await asAgent(
          'POST',
          '/api/v1/agent/conversations/{id}/reveal',
          { id: handedOver },
          { token, reason: 'verify' },
        )
      ).status,
    ).toBe(403);
    await asAgent(
      'POST',
      '/api/v1/agent/conversations/{id}/label',
      { id: handedOver },
      {
        needed: true,
        reasonCorrect: true,
      },
    );
    await asAgent(
      'POST',
      '/api/v1/agent/conversations/{id}/messages',
      { id: handedOver },
      {
        text: 'Looking into it now.',
        clientMessageId: 'agent-1',
      },
    );
    await asAgent('POST', '/api/v1/agent/conversations/{id}/resolve', { id: handedOver });
    await asAgent('POST', '/api/v1/agent/conversations/{id}/take', rest);
    await asAgent('POST', '/api/v1/agent/conversations/{id}/hand-back', rest, { summary: 'done' });
    await asAgent('POST', '/api/v1/agent/conversations/{id}/take', rest);
    await asAgent('POST', '/api/v1/agent/conversations/{id}/transfer', rest, {
      team: 'service',
      note: 'over to you',
    });
    // The agent holds the visitor's conversation now: its documents are theirs to see, the names masked.
    const docs = await asAgent('GET', '/api/v1/conversations/{id}/documents', { id: visitor.id });
    expect(docs.status).toBe(200);
    const download = await fetch(`${baton.url}/api/v1/conversations/${visitor.id}/documents/${documentId}`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    called.add('GET /api/v1/conversations/{id}/documents/{documentId}');
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('a plain text statement');
    seenByAgent.push(download.headers.get('content-disposition') ?? '');
    await asAgent('GET', '/api/v1/agent/queue/refusals');
    await asAgent('GET', '/api/v1/agent/me/team-hours');
    // Incidents: this deployment has no incident policy, so there is none to see; the routes answer all the same.
    await asAgent('GET', '/api/v1/incidents');
    const none = { id: 'inc_none' };
    await asAgent('GET', '/api/v1/incidents/{id}', none);
    await asAgent('POST', '/api/v1/incidents/{id}/acknowledge', none, {});
    await asAgent('POST', '/api/v1/incidents/{id}/notes', none, { text: 'looking' });
    await asAgent('POST', '/api/v1/incidents/{id}/status', none, { status: 'investigating' });
    await asAgent('POST', '/api/v1/incidents/{id}/resolve', none, { summary: 'fine' });
    const tickets = await asAgent('GET', '/api/v1/agent/tickets');
    await asAgent('POST', '/api/v1/agent/tickets/{id}/close', { id: tickets.body.tickets[0].id });
    // The customer's journey across conversations, appointments, and merging a duplicate record.
    const externalCustomer = { id: external.body.conversation.customerId as string };
    await asAgent('GET', '/api/v1/agent/customers/{id}/timeline', externalCustomer);
    await asAgent('GET', '/api/v1/agent/appointments');
    await asAgent(
      'POST',
      '/api/v1/agent/conversations/{id}/appointments',
      { id: handedOver },
      { team: 'adjusters', startsAt: '2030-01-07T15:00:00Z' },
    );
    await asAgent('POST', '/api/v1/agent/customers/{id}/merge', externalCustomer, {
      duplicateId: 'cus_none',
      reason: 'same person',
    });

    // Every message of both conversations has reached the agent's socket.
    for (const id of [visitor.id, handedOver]) {
      const { lastSeq } = (await api('GET', `/api/v1/conversations/${id}`, undefined, supervisorToken)).body
        .conversation;
      await agentSocket.next(
        (m): m is Extract<typeof m, { type: 'message' }> =>
          m.type === 'message' && m.message.conversationId === id && m.message.seq === lastSeq,
        20_000,
      );
    }

    // Signing out answers nothing personal; it comes last because it ends the agent's session.
    await asAgent('POST', '/api/v1/auth/logout', {}, {});

    // The walk covered every route a console user with the agent role can call.
    const openapi = (await api('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-access'?: string }>>;
    };
    const agentRoutes = Object.entries(openapi.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op['x-access'] === 'console' || op['x-access'] === 'customerOrConsole')
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect([...called].sort()).toEqual([...new Set(agentRoutes)].sort());

    const everything = seenByAgent.join('\n');
    const inClear = planted.filter((p) => everything.includes(p.clear)).map((p) => p.field);
    expect(inClear, 'fields that reach the agent in clear').toEqual([]);
    const neverSeen = planted.filter((p) => !everything.includes(p.mask)).map((p) => p.field);
    expect(neverSeen, 'fields the walk never brought to the agent').toEqual([]);
  });

  it('is shown in clear to supervisors', async () => {
    const started = await apiKeyPost('/api/v1/conversations', {
      pack: 'insurance',
      customer: { attributes: { note: `card ${cardEnding('2001')}` } },
    });
    const id = started.body.conversation.id as string;
    await api(
      'POST',
      `/api/v1/conversations/${id}/messages`,
      { text: `agent please, my card ${cardEnding('2002')}`, clientMessageId: 'c-1' },
      started.body.customerToken,
    );
    await baton.services.conversations.settle();
    const detail = await api('GET', `/api/v1/agent/conversations/${id}`, undefined, supervisorToken);
    expect(JSON.stringify(detail.body)).toContain(cardEnding('2001'));
    expect(JSON.stringify(detail.body)).toContain(cardEnding('2002'));
    const asAgentToo = await api('GET', `/api/v1/agent/conversations/${id}`, undefined, agentToken);
    expect(JSON.stringify(asAgentToo.body)).not.toContain(cardEnding('2001'));
  });
});
