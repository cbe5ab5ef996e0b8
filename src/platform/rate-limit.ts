/** A token bucket: `tokens` left as of `at` (ms). */
export type Bucket = { tokens: number; at: number };

/** What a rate limiter answers for one request, with what the RateLimit headers report. */
export type RateDecision = {
  allowed: boolean;
  /** Requests the bucket holds when full (per minute). */
  limit: number;
  /** Whole requests left right now. */
  remaining: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
  /** Milliseconds to wait before retrying; 0 when allowed. */
  retryAfterMs: number;
};

/** Decides whether one more request fits a bucket refilled at `perMinute`, and returns the bucket after it. */
export function takeToken(
  bucket: Bucket | undefined,
  nowMs: number,
  perMinute: number,
): { decision: RateDecision; bucket: Bucket } {
  const refillPerMs = perMinute / 60_000;
  const current = bucket ?? { tokens: perMinute, at: nowMs };
  // Another instance's clock may run a little ahead: time never runs backwards for a bucket.
  const at = Math.max(current.at, nowMs);
  const tokens = Math.min(perMinute, current.tokens + (at - current.at) * refillPerMs);
  const allowed = tokens >= 1;
  const left = allowed ? tokens - 1 : tokens;
  return { decision: describeBucket(allowed, left, perMinute), bucket: { tokens: left, at } };
}

/** The decision for a bucket left with `tokens` after a request that was `allowed` or not. */
export function describeBucket(allowed: boolean, tokens: number, perMinute: number): RateDecision {
  const refillPerMs = perMinute / 60_000;
  return {
    allowed,
    limit: perMinute,
    remaining: Math.floor(tokens),
    resetMs: Math.ceil((perMinute - tokens) / refillPerMs),
    retryAfterMs: allowed ? 0 : Math.ceil((1 - tokens) / refillPerMs),
  };
}
