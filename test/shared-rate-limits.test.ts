import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { startTestBaton } from './support/http.ts';

// Two instances on one database and one Redis (a key prefix of their own): a limit holds for both together.
// Each test is its own client address (X-Forwarded-For from one trusted proxy hop).

let pgdb: Awaited<ReturnType<typeof createTestPostgres>>;
let a: RunningBaton;
let b: RunningBaton;

beforeAll(async () => {
  pgdb = await createTestPostgres();
  const config = {
    databaseUrl: pgdb.url,
    redisUrl: process.env.BATON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `baton-test-${randomBytes(4).toString('hex')}:`,
    secret: randomBytes(24).toString('hex'),
    demoUsers: false,
    trustProxy: 1,
    ipRateLimitPerMinute: 5,
    rateLimitPerMinute: 3,
  };
  a = await startTestBaton(config);
  b = await startTestBaton(config);
  // Two starts (each trains the packs' classifiers) on a machine that may be busy.
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await pgdb?.drop();
});

const call = async (base: string, client: string, method: string, path: string, token?: string) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'x-forwarded-for': client,
      ...(method === 'POST' && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: method === 'POST' ? '{}' : undefined,
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
};

describe('rate limits shared through Redis', () => {
  it('allow a client address the limit across both instances, with the RateLimit headers', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await call((i % 2 ? b : a).url, '203.0.113.7', 'GET', '/healthz'));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0', '0']);
    expect(answers[0]?.headers.get('ratelimit-limit')).toBe('5');
    expect(answers[0]?.headers.get('ratelimit-reset')).toBe('12');
    const refused = answers[5]!;
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(12);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
  });

  it("allow a customer's token the limit across both instances, reporting the tighter limit", async () => {
    const client = '203.0.113.8';
    const started = await call(a.url, client, 'POST', '/api/v1/conversations');
    expect(started.status).toBe(201);
    const { conversation, customerToken } = started.body;
    const path = `/api/v1/conversations/${conversation.id}`;
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await call((i % 2 ? a : b).url, client, 'GET', path, customerToken));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    // The token's limit (3) is tighter than the address's (5, one spent on the start).
    expect(answers.map((r) => r.headers.get('ratelimit-limit'))).toEqual(['3', '3', '3', '3']);
    expect(answers.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(answers[3]?.body.code).toBe('RATE_LIMITED');
    expect(answers[3]?.headers.get('retry-after')).toBeTruthy();
  });
});
