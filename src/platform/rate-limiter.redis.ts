import type { Redis } from 'ioredis';
import { describeBucket } from './rate-limit.ts';
import { createMemoryRateLimiter } from './rate-limiter.memory.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** `takeToken` (rate-limit.ts) as one atomic step in Redis; the bucket expires once it would be full again. */
const takeTokenScript = `
local now = tonumber(ARGV[1])
local perMinute = tonumber(ARGV[2])
local refillPerMs = perMinute / 60000
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1])
local at = tonumber(stored[2])
if tokens == nil or at == nil then
  tokens = perMinute
  at = now
end
local later = math.max(at, now)
tokens = math.min(perMinute, tokens + (later - at) * refillPerMs)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(later))
redis.call('PEXPIRE', KEYS[1], math.ceil((perMinute - tokens) / refillPerMs) + 1000)
return { allowed, tostring(tokens) }
`;

type WithTakeToken = Redis & {
  batonTakeToken: (key: string, now: number, perMinute: number) => Promise<[number, string]>;
};

/**
 * Rate limiting shared by every instance on the same Redis and prefix. While Redis cannot be reached, each
 * instance limits on its own (in memory) rather than refusing or waving everything through.
 */
export function createRedisRateLimiter(options: {
  redis: Redis;
  perMinute: number;
  /** Key prefix, e.g. `baton:rate:`. */
  prefix: string;
  now?: () => number;
  /** Told once each time Redis starts failing. */
  onError?: (err: unknown) => void;
}): RateLimiter {
  const { perMinute, prefix } = options;
  const now = options.now ?? Date.now;
  const redis = options.redis as WithTakeToken;
  if (typeof redis.batonTakeToken !== 'function')
    redis.defineCommand('batonTakeToken', { numberOfKeys: 1, lua: takeTokenScript });
  const fallback = createMemoryRateLimiter(perMinute, now);
  let failing = false;
  return {
    async hit(key) {
      try {
        const [allowed, tokens] = await redis.batonTakeToken(prefix + key, now(), perMinute);
        failing = false;
        return describeBucket(allowed === 1, Number(tokens), perMinute);
      } catch (err) {
        if (!failing) options.onError?.(err);
        failing = true;
        return fallback.hit(key);
      }
    },
    close: () => fallback.close(),
  };
}
