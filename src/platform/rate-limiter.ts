import type { RateDecision } from './rate-limit.ts';

/**
 * Per-key rate limiting at one rate (a token bucket per key). In memory it counts for one instance; in Redis
 * every instance sharing the Redis and prefix draws from the same buckets.
 */
export type RateLimiter = {
  /** Takes one request from `key`'s bucket, or says how long to wait. */
  hit: (key: string) => Promise<RateDecision>;
  close: () => Promise<void>;
};
