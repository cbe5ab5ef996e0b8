import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/platform/clock.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { startTestBaton } from './support/http.ts';

// Sign-in backoff per email: five failures are free, then a wait that doubles, whatever the address; and the
// strength rules for new passwords. The clock only moves when the test says so.

const clock = manualClock(new Date('2026-03-02T10:00:00Z'));
let baton: RunningBaton;
let adminToken: string;

beforeAll(async () => {
  baton = await startTestBaton({ demoUsers: false }, { now: clock.now, routingTickMs: 0 });
  await baton.services.agents.create(
    {
      email: 'boss@example.com',
      name: 'Boss',
      role: 'admin',
      password: 'sturdy-pine-cabin-91',
      teams: [],
      skills: [],
      capacity: 1,
    },
    'test',
  );
  adminToken = (await login('boss@example.com', 'sturdy-pine-cabin-91')).json().token;
});
afterAll(async () => {
  await baton?.close();
});

/** Signs in through the app from a given client address. */
const login = (email: string, password: string, address = '127.0.0.1') =>
  baton.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: address,
  });

const admin = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  baton.app.inject({
    method,
    url,
    payload: payload as object,
    headers: { authorization: `Bearer ${adminToken}` },
  });

async function account(email: string, password: string) {
  const res = await admin('POST', '/api/v1/admin/agents', { email, name: 'Tess Tarrow', password });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().agent.id as string;
}

describe('sign-in backoff', () => {
  it('refuses the 6th attempt within the window, even with the right password and from another address', async () => {
    await account('tess@example.com', 'copper-kettle-dawn-3');
    for (let i = 1; i <= 5; i++) {
      const wrong = await login('tess@example.com', `guess-number-${i}`, `10.0.0.${i}`);
      expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'INVALID_CREDENTIALS']);
    }
    const right = await login('tess@example.com', 'copper-kettle-dawn-3', '10.9.9.9');
    expect([right.statusCode, right.json().code]).toEqual([429, 'LOGIN_THROTTLED']);
    expect(right.headers['retry-after']).toBe('1');
    expect(right.json().details).toEqual({ retryAfterSeconds: 1 });

    // Once the wait is over the right password gets in, and a success forgets the failures.
    clock.advance(1000);
    expect((await login('tess@example.com', 'copper-kettle-dawn-3', '10.9.9.9')).statusCode).toBe(200);
    for (let i = 1; i <= 5; i++)
      expect((await login('tess@example.com', 'nope-nope-nope')).statusCode).toBe(401);
    expect((await login('tess@example.com', 'nope-nope-nope')).statusCode).toBe(429);
  });

  it('doubles the wait with each failure past the free ones', async () => {
    await account('dora@example.com', 'copper-kettle-dawn-4');
    for (let i = 0; i < 5; i++) await login('dora@example.com', 'wrong-wrong-wrong');
    const waits: string[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await login('dora@example.com', 'wrong-wrong-wrong');
      waits.push(String(refused.headers['retry-after']));
      clock.advance(Number(refused.headers['retry-after']) * 1000);
      expect((await login('dora@example.com', 'wrong-wrong-wrong')).statusCode).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4', '8']);
  });

  it('lets only five of many simultaneous wrong guesses through', async () => {
    await account('max@example.com', 'copper-kettle-dawn-2');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login('max@example.com', `parallel-guess-${i}`, `10.1.0.${i}`)),
    );
    const codes = results.map((r) => r.json().code as string);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LOGIN_THROTTLED')).toHaveLength(15);
  });

  it('throttles an unknown email the same way, so a 429 does not tell which emails exist', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('nobody@example.com', 'whatever-it-is')).json().code).toBe('INVALID_CREDENTIALS');
    expect((await login('nobody@example.com', 'whatever-it-is')).json().code).toBe('LOGIN_THROTTLED');
  });

  it('throttles one email without touching another', async () => {
    await account('ivy@example.com', 'copper-kettle-dawn-5');
    await account('jon@example.com', 'copper-kettle-dawn-6');
    for (let i = 0; i < 6; i++) await login('ivy@example.com', 'wrong-wrong-wrong');
    expect((await login('ivy@example.com', 'copper-kettle-dawn-5')).statusCode).toBe(429);
    expect((await login('JON@example.com ', 'copper-kettle-dawn-6')).statusCode).toBe(200);
  });

  it('lets a user in at once after an admin resets their password', async () => {
    const id = await account('kim@example.com', 'copper-kettle-dawn-7');
    for (let i = 0; i < 6; i++) await login('kim@example.com', 'wrong-wrong-wrong');
    expect((await login('kim@example.com', 'copper-kettle-dawn-7')).statusCode).toBe(429);
    expect(
      (await admin('PATCH', `/api/v1/admin/agents/${id}`, { password: 'fresh-river-stone-8' })).statusCode,
    ).toBe(200);
    expect((await login('kim@example.com', 'fresh-river-stone-8')).statusCode).toBe(200);
  });
});

describe('password strength', () => {
  it.each([
    ['short', 'too_short'],
    ['Password-123!', 'common'],
    ['pat.person@example.com', 'personal'],
    ['aaaaaaaaaaaaaaaa', 'too_simple'],
  ])('refuses %s when an account is created (%s)', async (password, reason) => {
    const res = await admin('POST', '/api/v1/admin/agents', {
      email: 'pat.person@example.com',
      name: 'Pat Person',
      password,
    });
    expect([res.statusCode, res.json().code, res.json().details]).toEqual([400, 'WEAK_PASSWORD', { reason }]);
  });

  it('refuses a weak new password and keeps the old one', async () => {
    const id = await account('lee@example.com', 'copper-kettle-dawn-9');
    const res = await admin('PATCH', `/api/v1/admin/agents/${id}`, { password: 'qwerty123456' });
    expect([res.statusCode, res.json().code]).toEqual([400, 'WEAK_PASSWORD']);
    expect((await login('lee@example.com', 'copper-kettle-dawn-9')).statusCode).toBe(200);
  });
});
