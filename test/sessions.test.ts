import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBus } from '../src/platform/bus.redis.ts';
import type { ServerMessage } from '../src/protocol/ws.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { callApi, loginToken, startTestBaton } from './support/http.ts';
import { connect, isType, type TestSocket } from './support/ws-client.ts';

// Sign-out, password reset, deactivation and demotion end a console session on REST and on its open sockets.

let baton: RunningBaton;
let adminToken: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  baton = await startTestBaton({ rateLimitPerMinute: 1000 });
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  adminToken = await loginToken(baton.url, admin.email, admin.password);
});
afterAll(async () => {
  await Promise.allSettled(sockets.map((s) => s.close()));
  await baton?.close();
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);

let created = 0;
/** A fresh console account (through the admin API) and its password. */
async function newAccount(role: 'agent' | 'supervisor' = 'agent', url = baton.url, admin = adminToken) {
  const email = `session${++created}-${randomBytes(3).toString('hex')}@example.com`;
  const password = `violet-harbor-${created}-kite`;
  const res = await callApi(
    url,
    'POST',
    '/api/v1/admin/agents',
    { email, name: `Session Tester ${created}`, role, password, teams: ['support'] },
    admin,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.agent.id as string, email, password };
}

/** A console socket, authenticated. */
async function openSocket(token: string, url = baton.url): Promise<TestSocket> {
  const ws = await connect(url);
  sockets.push(ws);
  ws.send({ type: 'auth', token });
  await ws.next(isType('ready'));
  return ws;
}

/** Resolves with the close code and reason once the server closes the socket. */
function closed(ws: TestSocket, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket stayed open')), timeoutMs);
    ws.raw.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

const errorFrame = (ws: TestSocket) =>
  ws.received.find((m): m is Extract<ServerMessage, { type: 'error' }> => m.type === 'error');

describe('console sessions end when they should', () => {
  it('signing out ends that token on REST and closes its socket; other sessions go on', async () => {
    const account = await newAccount();
    const first = await loginToken(baton.url, account.email, account.password);
    const second = await loginToken(baton.url, account.email, account.password);
    const firstSocket = await openSocket(first);
    const secondSocket = await openSocket(second);
    const firstClosed = closed(firstSocket);

    const out = await api('POST', '/api/v1/auth/logout', {}, first);
    expect([out.status, out.body]).toEqual([200, { signedOut: true }]);

    expect(await firstClosed).toEqual({ code: 4401, reason: 'INVALID_TOKEN' });
    expect(errorFrame(firstSocket)).toMatchObject({
      code: 'INVALID_TOKEN',
      message: expect.stringMatching(/signed out/),
    });
    const stale = await api('GET', '/api/v1/me', undefined, first);
    expect([stale.status, stale.body.code]).toEqual([401, 'INVALID_TOKEN']);
    expect((await api('POST', '/api/v1/auth/logout', {}, first)).status).toBe(401);

    expect((await api('GET', '/api/v1/me', undefined, second)).status).toBe(200);
    secondSocket.send({ type: 'ping' });
    await secondSocket.next(isType('pong'));
    // A new connection with the signed-out token is refused at once.
    const again = await connect(baton.url);
    sockets.push(again);
    const againClosed = closed(again);
    again.send({ type: 'auth', token: first });
    expect((await againClosed).code).toBe(4401);
  });

  it('signing out everywhere ends every session of the account', async () => {
    const account = await newAccount();
    const first = await loginToken(baton.url, account.email, account.password);
    const second = await loginToken(baton.url, account.email, account.password);
    const socket = await openSocket(first);
    const socketClosed = closed(socket);
    expect((await api('POST', '/api/v1/auth/logout', { everywhere: true }, second)).status).toBe(200);
    expect((await socketClosed).code).toBe(4401);
    for (const token of [first, second])
      expect((await api('GET', '/api/v1/me', undefined, token)).body.code).toBe('INVALID_TOKEN');
    const fresh = await loginToken(baton.url, account.email, account.password);
    expect((await api('GET', '/api/v1/me', undefined, fresh)).status).toBe(200);
  });

  it('a password reset ends the old sessions; the new password signs in', async () => {
    const account = await newAccount();
    const token = await loginToken(baton.url, account.email, account.password);
    const socket = await openSocket(token);
    const socketClosed = closed(socket);
    const reset = await api(
      'PATCH',
      `/api/v1/admin/agents/${account.id}`,
      { password: 'granite-meadow-echo-7' },
      adminToken,
    );
    expect(reset.status).toBe(200);
    expect(await socketClosed).toEqual({ code: 4401, reason: 'INVALID_TOKEN' });
    expect(errorFrame(socket)?.message).toMatch(/password or role changed/);
    expect((await api('GET', '/api/v1/me', undefined, token)).body.code).toBe('INVALID_TOKEN');
    const old = await api('POST', '/api/v1/auth/login', { email: account.email, password: account.password });
    expect(old.body.code).toBe('INVALID_CREDENTIALS');
    const next = await loginToken(baton.url, account.email, 'granite-meadow-echo-7');
    expect((await api('GET', '/api/v1/me', undefined, next)).status).toBe(200);
  });

  it('deactivation closes the socket and refuses the token', async () => {
    const account = await newAccount();
    const token = await loginToken(baton.url, account.email, account.password);
    const socket = await openSocket(token);
    const socketClosed = closed(socket);
    await api('PATCH', `/api/v1/admin/agents/${account.id}`, { active: false }, adminToken);
    expect((await socketClosed).code).toBe(4401);
    expect(errorFrame(socket)?.message).toMatch(/no longer active/);
    expect((await api('GET', '/api/v1/me', undefined, token)).body.code).toBe('INVALID_TOKEN');
  });

  it('a demoted supervisor loses the socket that received supervisor notices, and signs in again as an agent', async () => {
    const account = await newAccount('supervisor');
    const token = await loginToken(baton.url, account.email, account.password);
    expect((await api('GET', '/api/v1/supervisor/queues', undefined, token)).status).toBe(200);
    const socket = await openSocket(token);
    const socketClosed = closed(socket);
    await api('PATCH', `/api/v1/admin/agents/${account.id}`, { role: 'agent' }, adminToken);
    expect((await socketClosed).code).toBe(4401);
    expect((await api('GET', '/api/v1/supervisor/queues', undefined, token)).body.code).toBe('INVALID_TOKEN');
    const again = await api('POST', '/api/v1/auth/login', {
      email: account.email,
      password: account.password,
    });
    expect(again.body.agent.role).toBe('agent');
    expect((await api('GET', '/api/v1/supervisor/queues', undefined, again.body.token)).body.code).toBe(
      'FORBIDDEN',
    );
  });

  it('a change that does not touch sessions (capacity) keeps them', async () => {
    const account = await newAccount();
    const token = await loginToken(baton.url, account.email, account.password);
    await api('PATCH', `/api/v1/admin/agents/${account.id}`, { capacity: 4, name: 'Renamed' }, adminToken);
    expect((await api('GET', '/api/v1/me', undefined, token)).body.agent).toMatchObject({ capacity: 4 });
  });
});

describe('two instances with Redis', () => {
  let pgdb: Awaited<ReturnType<typeof createTestPostgres>>;
  let a: RunningBaton;
  let b: RunningBaton;

  beforeAll(async () => {
    pgdb = await createTestPostgres();
    const prefix = `baton-test-${randomBytes(6).toString('hex')}:`;
    const config = {
      databaseUrl: pgdb.url,
      secret: randomBytes(24).toString('hex'),
      rateLimitPerMinute: 1000,
    };
    a = await startTestBaton(config, { bus: await createRedisBus('redis://127.0.0.1:6379', { prefix }) });
    b = await startTestBaton(config, { bus: await createRedisBus('redis://127.0.0.1:6379', { prefix }) });
  }, 180_000);
  afterAll(async () => {
    await Promise.allSettled(sockets.map((s) => s.close()));
    await a?.close();
    await b?.close();
    await pgdb?.drop();
  });

  it('deactivating on one instance closes the socket and refuses the token on the other', async () => {
    await a.services.agents.create(
      {
        email: 'root@example.com',
        name: 'Root Admin',
        role: 'admin',
        password: 'quiet-orchard-lamp-5',
        teams: [],
        skills: [],
        capacity: 1,
      },
      'test',
    );
    const admin = await loginToken(a.url, 'root@example.com', 'quiet-orchard-lamp-5');
    const account = await newAccount('agent', a.url, admin);
    const token = await loginToken(b.url, account.email, account.password);
    const socket = await openSocket(token, b.url);
    expect((await callApi(b.url, 'GET', '/api/v1/me', undefined, token)).status).toBe(200);
    const socketClosed = closed(socket);
    await callApi(a.url, 'PATCH', `/api/v1/admin/agents/${account.id}`, { active: false }, admin);
    expect((await socketClosed).code).toBe(4401);
    const stale = await callApi(b.url, 'GET', '/api/v1/me', undefined, token);
    expect([stale.status, stale.body.code]).toEqual([401, 'INVALID_TOKEN']);
  });
});
