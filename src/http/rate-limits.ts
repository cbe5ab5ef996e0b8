import { Redis } from 'ioredis';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { createMemoryRateLimiter } from '../platform/rate-limiter.memory.ts';
import { createRedisRateLimiter } from '../platform/rate-limiter.redis.ts';
import type { RateLimiter } from '../platform/rate-limiter.ts';

/** The limiters Baton runs: per client address, and per caller (token, API key, WebSocket session). */
export type RateLimits = { ip: RateLimiter; caller: RateLimiter; close: () => Promise<void> };

/** Builds the rate limiters from the config: shared through Redis when `REDIS_URL` is set, else in memory. */
export async function createRateLimits(
  config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'rateLimitPerMinute' | 'ipRateLimitPerMinute'>,
  log: Pick<Logger, 'warn'>,
): Promise<RateLimits> {
  if (!config.redisUrl) {
    const ip = createMemoryRateLimiter(config.ipRateLimitPerMinute);
    const caller = createMemoryRateLimiter(config.rateLimitPerMinute);
    return { ip, caller, close: async () => {} };
  }
  // Fail fast while Redis is away: the limiters then count in memory instead of holding requests up.
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', () => {});
  await redis.connect();
  const onError = (err: unknown) => log.warn({ err }, 'rate limits fall back to this instance: Redis failed');
  const prefix = `${config.redisPrefix}rate:`;
  return {
    ip: createRedisRateLimiter({ redis, perMinute: config.ipRateLimitPerMinute, prefix, onError }),
    caller: createRedisRateLimiter({ redis, perMinute: config.rateLimitPerMinute, prefix, onError }),
    close: async () => {
      redis.disconnect();
    },
  };
}
