import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './rate-limiter.memory.ts';
import { createRedisRateLimiter } from './rate-limiter.redis.ts';
import type { RateLimiter } from './rate-limiter.ts';

const redisUrl = process.env.BATON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const connections: Redis[] = [];
afterAll(() => {
  for (const redis of connections) redis.disconnect();
});

type Clock = { now: () => number; advance: (ms: number) => void };
const clock = (): Clock => {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
};

/** Two limiters that must share their buckets (two instances), on one clock. */
const limiters: [string, (perMinute: number, c: Clock) => RateLimiter[]][] = [
  [
    'memory',
    (perMinute, c) => {
      const limiter = createMemoryRateLimiter(perMinute, c.now);
      return [limiter, limiter];
    },
  ],
  [
    'redis',
    (perMinute, c) => {
      const prefix = `baton-test-${randomBytes(4).toString('hex')}:rate:`;
      return [0, 1].map(() => {
        const redis = new Redis(redisUrl);
        connections.push(redis);
        return createRedisRateLimiter({ redis, perMinute, prefix, now: c.now });
      });
    },
  ],
];

describe.each(limiters)('%s rate limiter', (_name, open) => {
  it('allows the limit per key across instances, then says how long to wait', async () => {
    const c = clock();
    const [a, b] = open(3, c) as [RateLimiter, RateLimiter];
    const first = await a.hit('k');
    expect(first).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: 20_000, retryAfterMs: 0 });
    expect((await b.hit('k')).remaining).toBe(1);
    expect((await a.hit('k')).remaining).toBe(0);
    expect(await b.hit('k')).toEqual({
      allowed: false,
      limit: 3,
      remaining: 0,
      resetMs: 60_000,
      retryAfterMs: 20_000,
    });
    expect((await b.hit('other')).allowed).toBe(true);
    c.advance(20_000);
    expect(await a.hit('k')).toMatchObject({ allowed: true, remaining: 0 });
    expect((await b.hit('k')).allowed).toBe(false);
  });

  it('refills to the limit and no further', async () => {
    const c = clock();
    const [a] = open(60, c) as [RateLimiter];
    for (let i = 0; i < 60; i++) await a.hit('full');
    expect((await a.hit('full')).allowed).toBe(false);
    c.advance(10 * 60_000);
    expect(await a.hit('full')).toMatchObject({ allowed: true, remaining: 59 });
  });

  it('never allows more than the limit to concurrent requests', async () => {
    const c = clock();
    const [a, b] = open(10, c) as [RateLimiter, RateLimiter];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit('race')));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});

describe('redis rate limiter', () => {
  it('lets its buckets expire once they would be full again', async () => {
    const prefix = `baton-test-${randomBytes(4).toString('hex')}:rate:`;
    const redis = new Redis(redisUrl);
    connections.push(redis);
    const limiter = createRedisRateLimiter({ redis, perMinute: 60, prefix });
    await limiter.hit('expiring');
    const ttl = await redis.pttl(`${prefix}expiring`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2000);
  });

  it('limits in memory while Redis cannot be reached, and says so once', async () => {
    const redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    const errors: unknown[] = [];
    const limiter = createRedisRateLimiter({
      redis,
      perMinute: 2,
      prefix: 'unreachable:',
      onError: (err) => errors.push(err),
    });
    const results = [await limiter.hit('k'), await limiter.hit('k'), await limiter.hit('k')];
    expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
    expect(errors).toHaveLength(1);
    redis.disconnect();
  });
});
