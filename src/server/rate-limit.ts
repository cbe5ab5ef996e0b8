/** A token bucket: `tokens` left as of `at` (ms). */
export type Bucket = { tokens: number; at: number };

/** Decides whether one more request fits a bucket refilled at `perMinute`, and returns the bucket after it. */
export function takeToken(
  bucket: Bucket | undefined,
  nowMs: number,
  perMinute: number,
): { allowed: boolean; bucket: Bucket; retryAfterMs: number } {
  const refillPerMs = perMinute / 60_000;
  const current = bucket ?? { tokens: perMinute, at: nowMs };
  const tokens = Math.min(perMinute, current.tokens + (nowMs - current.at) * refillPerMs);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at: nowMs }, retryAfterMs: 0 };
  return {
    allowed: false,
    bucket: { tokens, at: nowMs },
    retryAfterMs: Math.ceil((1 - tokens) / refillPerMs),
  };
}

/** Per-key rate limiting in this instance's memory; idle buckets are forgotten. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();
  return {
    /** Milliseconds to wait before retrying, or 0 when the request may go ahead. */
    hit(key: string): number {
      const t = now();
      if (t - lastSweep > 60_000) {
        for (const [k, b] of buckets) if (t - b.at > 120_000) buckets.delete(k);
        lastSweep = t;
      }
      const result = takeToken(buckets.get(key), t, perMinute);
      buckets.set(key, result.bucket);
      return result.retryAfterMs;
    },
  };
}
