import { Redis } from 'ioredis';
import type { EventBus } from './bus.ts';

/** Redis could not be reached when Baton started: it stops with this message instead of waiting forever. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** How long a readiness ping may take before Redis counts as down. */
const pingTimeoutMs = 2_000;

/** The URL without its password, for messages and logs. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The Redis pub/sub bus: events reach every instance connected to the same Redis and prefix. The first
 * connection must succeed within `connectTimeoutMs` (else RedisUnavailableError); after that, a lost
 * connection is retried for as long as it takes.
 */
export async function createRedisBus(
  url: string,
  options: { prefix?: string; connectTimeoutMs?: number } = {},
): Promise<EventBus> {
  const prefix = options.prefix ?? 'baton:';
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  let started = false;
  let lastError: Error | null = null;
  const redisOptions = {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    connectTimeout: connectTimeoutMs,
    // No retries while starting: an unreachable Redis is a configuration problem to report, not to wait out.
    retryStrategy: (times: number) => (started ? Math.min(times * 200, 2_000) : null),
  };
  const pub = new Redis(url, redisOptions);
  const sub = new Redis(url, redisOptions);
  // Connection errors are retried by ioredis once started; without a listener they would crash the process.
  const remember = (err: Error) => {
    lastError = err;
  };
  pub.on('error', remember);
  sub.on('error', remember);
  try {
    await within(
      Promise.all([pub.connect(), sub.connect()]),
      connectTimeoutMs,
      `no answer within ${connectTimeoutMs / 1000} s`,
    );
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    const cause = (lastError as Error | null)?.message || (err as Error).message;
    throw new RedisUnavailableError(
      `cannot connect to Redis at ${describeUrl(url)} (${cause}); check REDIS_URL`,
    );
  }
  started = true;
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  sub.on('message', (channel: string, payload: string) => {
    const set = handlers.get(channel.slice(prefix.length));
    if (!set) return;
    let event: unknown;
    try {
      event = JSON.parse(payload);
    } catch {
      return;
    }
    for (const handler of [...set]) handler(event);
  });
  return {
    kind: 'redis',
    async publish(topic, event) {
      await pub.publish(prefix + topic, JSON.stringify(event));
    },
    async subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
        await sub.subscribe(prefix + topic);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(topic) === set) {
          handlers.delete(topic);
          await sub.unsubscribe(prefix + topic).catch(() => {});
        }
      };
    },
    async ping() {
      // Both connections: a subscriber that lost Redis misses every event, a publisher can send none.
      if (pub.status !== 'ready' || sub.status !== 'ready') throw new Error('Redis is not connected');
      await within(pub.ping(), pingTimeoutMs, `Redis did not answer a ping within ${pingTimeoutMs / 1000} s`);
    },
    async close() {
      handlers.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
