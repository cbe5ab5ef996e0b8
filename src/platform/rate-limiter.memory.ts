import { type Bucket, takeToken } from './rate-limit.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Rate limiting in this instance's memory; idle buckets are forgotten. */
export function createMemoryRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();
  return {
    async hit(key) {
      const t = now();
      if (t - lastSweep > 60_000) {
        // A bucket idle for over a minute is full again: forgetting it changes nothing.
        for (const [k, b] of buckets) if (t - b.at > 60_000) buckets.delete(k);
        lastSweep = t;
      }
      const result = takeToken(buckets.get(key), t, perMinute);
      buckets.set(key, result.bucket);
      return result.decision;
    },
    async close() {
      buckets.clear();
    },
  };
}
