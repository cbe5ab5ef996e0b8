import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { connect, isMessageWithSeq, isType } from './support/ws-client.ts';

let baton: RunningBaton;

beforeAll(async () => {
  baton = await startTestBaton({ rateLimitPerMinute: 200 });
});
afterAll(async () => {
  await baton?.close();
});

const api = (method: string, path: string, body?: unknown, token?: string, rawBody?: string) =>
  callApi(baton.url, method, path, body, token, rawBody);

const startConversation = async (body: unknown = { pack: 'bank' }) => {
  const res = await api('POST', '/api/v1/conversations', body);
  expect(res.status).toBe(201);
  return res.body as { conversation: { id: string; state: string }; customerToken: string };
};

describe('health and contract', () => {
  it('answers health and readiness', async () => {
    expect((await api('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api('GET', '/readyz')).body).toMatchObject({ status: 'ready', database: 'pglite' });
  });

  it('documents every route in OpenAPI 3', async () => {
    const doc = (await api('GET', '/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/conversations',
      '/api/v1/conversations/{id}/messages',
      '/api/v1/conversations/{id}',
      '/api/v1/auth/login',
      '/api/v1/admin/agents',
      '/api/v1/ws',
      '/healthz',
      '/readyz',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(
      doc.paths['/api/v1/conversations'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('pack');
    // Every operation: a unique operationId, its security (none for public ones), problem details for errors.
    type Operation = {
      operationId?: string;
      security?: unknown[];
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item as Record<string, Operation>));
    const ids = ops.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.filter((op) => !Array.isArray(op.security))).toEqual([]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(ops.filter((op) => !op.responses['4XX']?.content?.['application/problem+json'])).toEqual([]);
    expect(doc.servers).toEqual([{ url: '/', description: 'This Baton instance' }]);
  });
});

describe('customer conversations', () => {
  it('lets a widget on another site call the customer API (CORS), but not the console API', async () => {
    const preflight = await fetch(`${baton.url}/api/v1/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const created = await fetch(`${baton.url}/api/v1/conversations`, {
      method: 'POST',
      headers: { origin: 'https://shop.example.com', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
    const consoleCall = await fetch(`${baton.url}/api/v1/admin/agents`, {
      headers: { origin: 'https://evil.example.com' },
    });
    expect(consoleCall.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('starts a conversation and stores a message once per client id', async () => {
    const { conversation, customerToken } = await startConversation({
      pack: 'bank',
      customer: { name: 'Ana', tier: 'gold' },
    });
    expect(conversation.state).toBe('bot');
    const send = () =>
      api(
        'POST',
        `/api/v1/conversations/${conversation.id}/messages`,
        { text: 'hello', clientMessageId: 'c-1' },
        customerToken,
      );
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(first.body.message.seq).toBe(1);
    expect(again.body.message.id).toBe(first.body.message.id);
    const listed = await api(
      'GET',
      `/api/v1/conversations/${conversation.id}/messages?after=0`,
      undefined,
      customerToken,
    );
    expect(
      listed.body.messages.filter((m: { authorKind: string }) => m.authorKind === 'customer'),
    ).toHaveLength(1);
    const got = await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, customerToken);
    expect(got.body.conversation).toMatchObject({ id: conversation.id, pack: 'bank', queuePosition: null });
  });

  it.each([
    ['an unknown pack', { pack: 'nope' }, 404, 'PACK_NOT_FOUND'],
    ['an unknown field', { pack: 'bank', colour: 'red' }, 400, 'VALIDATION_FAILED'],
    ['a bad tier', { customer: { tier: 'platinum' } }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_name, body, status, code) => {
    const res = await api('POST', '/api/v1/conversations', body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.detail).toBeTruthy();
  });

  it('refuses bad input with coded errors', async () => {
    const { conversation, customerToken } = await startConversation();
    const other = await startConversation();
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    const cases: [string, Awaited<ReturnType<typeof api>>, number, string][] = [
      [
        'too long',
        await api('POST', path, { text: 'x'.repeat(4001), clientMessageId: 'a' }, customerToken),
        400,
        'MESSAGE_TOO_LONG',
      ],
      ['invalid JSON', await api('POST', path, undefined, customerToken, '{"text": '), 400, 'INVALID_JSON'],
      [
        'unknown field',
        await api('POST', path, { text: 'hi', clientMessageId: 'b', extra: 1 }, customerToken),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'empty text',
        await api('POST', path, { text: '', clientMessageId: 'c' }, customerToken),
        400,
        'VALIDATION_FAILED',
      ],
      ['no token', await api('POST', path, { text: 'hi', clientMessageId: 'd' }), 401, 'UNAUTHENTICATED'],
      [
        'forged token',
        await api('POST', path, { text: 'hi', clientMessageId: 'e' }, `${customerToken}x`),
        401,
        'INVALID_TOKEN',
      ],
      [
        "another customer's conversation",
        await api('POST', path, { text: 'hi', clientMessageId: 'f' }, other.customerToken),
        403,
        'FORBIDDEN',
      ],
      [
        'reading another conversation',
        await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, other.customerToken),
        403,
        'FORBIDDEN',
      ],
      ['an unknown route', await api('GET', '/api/v1/nothing-here'), 404, 'NOT_FOUND'],
      [
        'a NUL character',
        await api('POST', path, { text: 'a\u0000b', clientMessageId: 'g' }, customerToken),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a NUL in the path',
        await api('GET', '/api/v1/conversations/%00', undefined, customerToken),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a seq past the range',
        await api(
          'GET',
          `/api/v1/conversations/${conversation.id}/messages?after=99999999999`,
          undefined,
          customerToken,
        ),
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [name, res, status, code] of cases) {
      expect([name, res.status, res.body?.code]).toEqual([name, status, code]);
    }
  });

  it('rate limits a flood from one token', async () => {
    const { conversation, customerToken } = await startConversation();
    const statuses: number[] = [];
    for (let i = 0; i < 400; i++) {
      const res = await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, customerToken);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('RATE_LIMITED');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('console accounts', () => {
  const admin = () => baton.demoLogins.find((l) => l.role === 'admin')!;
  const agentLogin = () => baton.demoLogins.find((l) => l.role === 'agent')!;

  it('creates demo users on first start and signs them in', async () => {
    expect(baton.demoLogins.map((l) => l.role)).toEqual(
      expect.arrayContaining(['admin', 'supervisor', 'agent']),
    );
    const res = await api('POST', '/api/v1/auth/login', { email: admin().email, password: admin().password });
    expect(res.status).toBe(200);
    expect(res.body.agent.role).toBe('admin');
    expect(res.body.agent).not.toHaveProperty('passwordHash');
    const wrong = await api('POST', '/api/v1/auth/login', { email: admin().email, password: 'not-it' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
  });

  it('lets an admin manage agents and no one else', async () => {
    const adminToken = (
      await api('POST', '/api/v1/auth/login', { email: admin().email, password: admin().password })
    ).body.token;
    const agentToken = (
      await api('POST', '/api/v1/auth/login', { email: agentLogin().email, password: agentLogin().password })
    ).body.token;
    const created = await api(
      'POST',
      '/api/v1/admin/agents',
      {
        email: 'new.agent@example.com',
        name: 'New Agent',
        password: 'long-enough-1',
        teams: ['loans'],
        capacity: 2,
      },
      adminToken,
    );
    expect(created.status).toBe(201);
    const dup = await api(
      'POST',
      '/api/v1/admin/agents',
      { email: 'new.agent@example.com', name: 'X', password: 'long-enough-1' },
      adminToken,
    );
    expect(dup.body.code).toBe('CONFLICT');
    const patched = await api(
      'PATCH',
      `/api/v1/admin/agents/${created.body.agent.id}`,
      { capacity: 5 },
      adminToken,
    );
    expect(patched.body.agent.capacity).toBe(5);
    expect((await api('GET', '/api/v1/admin/agents', undefined, agentToken)).body.code).toBe('FORBIDDEN');
    const newToken = (
      await api('POST', '/api/v1/auth/login', { email: 'new.agent@example.com', password: 'long-enough-1' })
    ).body.token;
    expect((await api('GET', '/api/v1/me', undefined, newToken)).status).toBe(200);
    const empty = await api('PATCH', `/api/v1/admin/agents/${created.body.agent.id}`, {}, adminToken);
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const deactivated = await api(
      'PATCH',
      `/api/v1/admin/agents/${created.body.agent.id}`,
      { active: false },
      adminToken,
    );
    expect(deactivated.body.agent.active).toBe(false);
    const stale = await api('GET', '/api/v1/me', undefined, newToken);
    expect([stale.status, stale.body.code]).toEqual([401, 'INVALID_TOKEN']);
    const login = await api('POST', '/api/v1/auth/login', {
      email: 'new.agent@example.com',
      password: 'long-enough-1',
    });
    expect(login.status).toBe(401);
  });

  it('gives agents canned replies for their teams, managed by supervisors', async () => {
    const agent = agentLogin();
    const agentToken = (
      await api('POST', '/api/v1/auth/login', { email: agent.email, password: agent.password })
    ).body.token;
    const sup = baton.demoLogins.find((l) => l.role === 'supervisor')!;
    const supToken = (await api('POST', '/api/v1/auth/login', { email: sup.email, password: sup.password }))
      .body.token;
    const me = (await api('GET', '/api/v1/me', undefined, agentToken)).body.agent;
    const before = (await api('GET', '/api/v1/agent/macros', undefined, agentToken)).body.macros;
    expect(before.map((m: { title: string }) => m.title)).toContain('Greeting');
    const mine = await api(
      'POST',
      '/api/v1/admin/macros',
      { title: 'Team hello', text: 'Hello from the team', team: me.teams[0] },
      supToken,
    );
    const teams = (await api('GET', '/api/v1/admin/teams', undefined, supToken)).body.teams;
    const elsewhere = teams.find((t: { id: string }) => !me.teams.includes(t.id)).id;
    const other = await api(
      'POST',
      '/api/v1/admin/macros',
      { title: 'Elsewhere', text: 'Not for you', team: elsewhere },
      supToken,
    );
    expect(mine.status).toBe(201);
    expect(other.status).toBe(201);
    const nowhere = await api(
      'POST',
      '/api/v1/admin/macros',
      { title: 'Lost', text: 'x', team: 'no-such-team' },
      supToken,
    );
    expect([nowhere.status, nowhere.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const after = (await api('GET', '/api/v1/agent/macros', undefined, agentToken)).body.macros.map(
      (m: { id: string }) => m.id,
    );
    expect(after).toContain(mine.body.macro.id);
    expect(after).not.toContain(other.body.macro.id);
    expect((await api('POST', '/api/v1/admin/macros', { title: 'x', text: 'y' }, agentToken)).body.code).toBe(
      'FORBIDDEN',
    );
  });

  it('lets an agent take over, reply and resolve; illegal moves are refused', async () => {
    const { conversation, customerToken } = await startConversation();
    const token = (
      await api('POST', '/api/v1/auth/login', { email: agentLogin().email, password: agentLogin().password })
    ).body.token;
    const early = await api(
      'POST',
      `/api/v1/agent/conversations/${conversation.id}/messages`,
      { text: 'hi', clientMessageId: 'x1' },
      token,
    );
    expect(early.body.code).toBe('FORBIDDEN');
    const taken = await api('POST', `/api/v1/agent/conversations/${conversation.id}/take`, {}, token);
    expect(taken.body.conversation.state).toBe('assigned');
    const again = await api('POST', `/api/v1/agent/conversations/${conversation.id}/take`, {}, token);
    expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    await api(
      'POST',
      `/api/v1/agent/conversations/${conversation.id}/messages`,
      { text: 'note', clientMessageId: 'n1', internal: true },
      token,
    );
    const reply = await api(
      'POST',
      `/api/v1/agent/conversations/${conversation.id}/messages`,
      { text: 'Hello, I can help', clientMessageId: 'x2' },
      token,
    );
    expect(reply.status).toBe(201);
    const seen = await api(
      'GET',
      `/api/v1/conversations/${conversation.id}/messages`,
      undefined,
      customerToken,
    );
    const texts = seen.body.messages.map((m: { text: string }) => m.text);
    expect(texts).toContain('Hello, I can help');
    expect(texts).not.toContain('note');
    const resolved = await api('POST', `/api/v1/agent/conversations/${conversation.id}/resolve`, {}, token);
    if (!resolved.body.conversation) console.log(resolved.body);
    expect(resolved.body.conversation.state).toBe('resolved');
  });
});

describe('WebSocket', () => {
  it('acks only durable messages, pushes live, and resumes after a reconnect with nothing missed or doubled', async () => {
    const { conversation, customerToken } = await startConversation();
    const ws = await connect(baton.url);
    ws.send({ type: 'auth', token: customerToken });
    expect(await ws.next(isType('ready'))).toMatchObject({
      role: 'customer',
      conversationId: conversation.id,
    });
    ws.send({ type: 'subscribe', conversationId: conversation.id, afterSeq: 0 });
    ws.send({ type: 'send', conversationId: conversation.id, clientMessageId: 'w1', text: 'first' });
    const ack = await ws.next(isType('ack'));
    expect(ack.seq).toBe(1);
    const stored = await api(
      'GET',
      `/api/v1/conversations/${conversation.id}/messages`,
      undefined,
      customerToken,
    );
    expect(stored.body.messages[0].text).toBe('first');
    await ws.next(isMessageWithSeq(1));
    const lastSeen = 1;
    await ws.close();

    // While the customer is away, two more messages arrive over REST.
    for (const id of ['r1', 'r2']) {
      await api(
        'POST',
        `/api/v1/conversations/${conversation.id}/messages`,
        { text: id, clientMessageId: id },
        customerToken,
      );
    }
    const total = (await api('GET', `/api/v1/conversations/${conversation.id}`, undefined, customerToken))
      .body.conversation.lastSeq;

    const back = await connect(baton.url);
    back.send({ type: 'auth', token: customerToken });
    await back.next(isType('ready'));
    back.send({ type: 'subscribe', conversationId: conversation.id, afterSeq: lastSeen });
    back.send({ type: 'send', conversationId: conversation.id, clientMessageId: 'w1', text: 'first' });
    const reack = await back.next(isType('ack'));
    expect(reack.seq).toBe(1);
    await back.next(isMessageWithSeq(total));
    await new Promise((r) => setTimeout(r, 100));
    const seqs = back.received.flatMap((m) => (m.type === 'message' ? [m.message.seq] : []));
    expect(seqs).toEqual(Array.from({ length: total - lastSeen }, (_, i) => i + lastSeen + 1));
    await back.close();
  });

  it('handles frames in order: two subscribes at once still deliver each message once', async () => {
    const { conversation, customerToken } = await startConversation();
    const ws = await connect(baton.url);
    ws.send({ type: 'auth', token: customerToken });
    ws.send({ type: 'subscribe', conversationId: conversation.id, afterSeq: 0 });
    ws.send({ type: 'subscribe', conversationId: conversation.id, afterSeq: 0 });
    await ws.next(isType('ready'));
    await api(
      'POST',
      `/api/v1/conversations/${conversation.id}/messages`,
      { text: 'once', clientMessageId: 'once' },
      customerToken,
    );
    await ws.next(isMessageWithSeq(1));
    ws.send({ type: 'unsubscribe', conversationId: conversation.id });
    ws.send({ type: 'ping' });
    await ws.next(isType('pong'));
    await api(
      'POST',
      `/api/v1/conversations/${conversation.id}/messages`,
      { text: 'after', clientMessageId: 'after' },
      customerToken,
    );
    await new Promise((r) => setTimeout(r, 150));
    const seqs = ws.received.flatMap((m) => (m.type === 'message' ? [m.message.seq] : []));
    expect(seqs.filter((s) => s === 1)).toHaveLength(1);
    expect(ws.received.some((m) => m.type === 'message' && m.message.text === 'after')).toBe(false);
    await ws.close();
  });

  it('answers bad frames with coded errors and refuses other conversations', async () => {
    const { customerToken } = await startConversation();
    const other = await startConversation();
    const ws = await connect(baton.url);
    ws.raw.send('not json');
    expect((await ws.next(isType('error'))).code).toBe('INVALID_JSON');
    ws.send({ type: 'subscribe', conversationId: other.conversation.id, afterSeq: 0 });
    expect((await ws.next(isType('error'))).code).toBe('UNAUTHENTICATED');
    ws.send({ type: 'auth', token: customerToken });
    await ws.next(isType('ready'));
    ws.send({ type: 'subscribe', conversationId: other.conversation.id, afterSeq: 0 });
    expect((await ws.next(isType('error'))).code).toBe('FORBIDDEN');
    ws.send({ type: 'shout', text: 'x' });
    expect((await ws.next(isType('error'))).code).toBe('VALIDATION_FAILED');
    await ws.close();
  });

  it('tells the console about conversation changes', async () => {
    const agent = baton.demoLogins.find((l) => l.role === 'agent')!;
    const token = (await api('POST', '/api/v1/auth/login', { email: agent.email, password: agent.password }))
      .body.token;
    const ws = await connect(baton.url);
    ws.send({ type: 'auth', token });
    expect((await ws.next(isType('ready'))).role).toBe('agent');
    const { conversation } = await startConversation();
    const seen = await ws.next(
      (m): m is Extract<typeof m, { type: 'conversation' }> =>
        m.type === 'conversation' && m.conversation.id === conversation.id,
    );
    expect(seen.conversation.state).toBe('bot');
    await ws.close();
  });
});
