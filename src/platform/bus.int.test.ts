import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { closedPort, startTcpProxy } from '../../test/support/tcp-proxy.ts';
import { createMemoryBus } from './bus.memory.ts';
import { createRedisBus, RedisUnavailableError } from './bus.redis.ts';
import type { EventBus } from './bus.ts';

const redisUrl = process.env.BATON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The contract every bus implementation must meet. */
const buses: [string, () => Promise<EventBus[]>][] = [
  [
    'memory',
    async () => {
      const bus = createMemoryBus();
      return [bus, bus];
    },
  ],
  [
    'redis',
    async () => {
      const prefix = `baton-test-${randomBytes(4).toString('hex')}:`;
      return [await createRedisBus(redisUrl, { prefix }), await createRedisBus(redisUrl, { prefix })];
    },
  ],
];

const nextEvent = (bus: EventBus, topic: string, match: (e: unknown) => boolean = () => true) =>
  new Promise<unknown>((resolve) => {
    void bus.subscribe(topic, (e) => {
      if (match(e)) resolve(e);
    });
  });

describe.each(buses)('%s bus', (_name, open) => {
  it('delivers a published event to every subscriber of the topic, as a copy', async () => {
    const [a, b] = (await open()) as [EventBus, EventBus];
    const received: unknown[] = [];
    await b.subscribe('t1', (e) => received.push(e));
    const other: unknown[] = [];
    await b.subscribe('t2', (e) => other.push(e));
    const payload = { n: 1, nested: { ok: true } };
    const seen = nextEvent(b, 't1');
    await new Promise((r) => setTimeout(r, 20));
    await a.publish('t1', payload);
    expect(await seen).toEqual(payload);
    expect(received).toEqual([payload]);
    expect(received[0]).not.toBe(payload);
    expect(other).toEqual([]);
    await a.close();
    if (b !== a) await b.close();
  });

  it('answers a ping while it can carry events', async () => {
    const [a, b] = (await open()) as [EventBus, EventBus];
    await expect(a.ping()).resolves.toBeUndefined();
    await a.close();
    if (b !== a) await b.close();
  });

  it('keeps order and stops after unsubscribe', async () => {
    const [a, b] = (await open()) as [EventBus, EventBus];
    const got: number[] = [];
    const stop = await b.subscribe('order', (e) => got.push(e as number));
    for (let i = 0; i < 50; i++) await a.publish('order', i);
    const done = nextEvent(b, 'order', (e) => e === 50);
    await a.publish('order', 50);
    await done;
    expect(got).toEqual(Array.from({ length: 51 }, (_, i) => i));
    await stop();
    await a.publish('order', 99);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).not.toContain(99);
    await a.close();
    if (b !== a) await b.close();
  });
});

describe('redis bus connections', () => {
  const prefix = () => `baton-test-${randomBytes(4).toString('hex')}:`;

  it('refuses to start on an unreachable Redis with a clear error instead of retrying forever', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await closedPort()}`;
    const failure = await createRedisBus(url, { prefix: prefix(), connectTimeoutMs: 10_000 }).catch((e) => e);
    expect(failure).toBeInstanceOf(RedisUnavailableError);
    expect(failure.message).toMatch(
      /cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+.*ECONNREFUSED/,
    );
    expect(failure.message).not.toContain('hunter2');
  });

  it('answers pings while connected and fails them once Redis is gone', async () => {
    const target = new URL(redisUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const bus = await createRedisBus(proxy.url('redis'), { prefix: prefix() });
    try {
      await expect(bus.ping()).resolves.toBeUndefined();
      await proxy.cut();
      await expect(bus.ping()).rejects.toThrow();
    } finally {
      await bus.close();
    }
  });
});
