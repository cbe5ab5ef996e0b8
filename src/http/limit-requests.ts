import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../platform/errors.ts';
import type { RateDecision } from '../platform/rate-limit.ts';
import type { RateLimiter } from '../platform/rate-limiter.ts';

/** The tighter of two limits one request counts against: a refusal, else the one with fewer requests left. */
export function tighter(a: RateDecision | undefined, b: RateDecision): RateDecision {
  if (!a) return b;
  if (a.allowed !== b.allowed) return a.allowed ? b : a;
  if (a.remaining !== b.remaining) return a.remaining < b.remaining ? a : b;
  return a.limit <= b.limit ? a : b;
}

/** The IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers, as @fastify/rate-limit names them). */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(Math.ceil(decision.resetMs / 1000)),
    ...(!decision.allowed && { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) }),
  };
}

/**
 * HTTP rate limits: every request counts against its client address, and an authenticated one also against its
 * caller (`limitCaller`). Each answer carries the RateLimit headers of the tighter limit; a refusal is 429.
 */
export function limitRequests(app: FastifyInstance, limiters: { ip: RateLimiter; caller: RateLimiter }) {
  const decisions = new WeakMap<FastifyRequest, RateDecision>();
  const take = async (req: FastifyRequest, limiter: RateLimiter, key: string, who: string) => {
    const decision = await limiter.hit(key);
    decisions.set(req, tighter(decisions.get(req), decision));
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    fail('RATE_LIMITED', `too many requests${who}; retry in ${seconds} s`, { retryAfterSeconds: seconds });
  };
  app.addHook('onRequest', async (req) => take(req, limiters.ip, `ip:${req.ip}`, ' from this address'));
  app.addHook('onSend', async (req, reply, payload) => {
    const decision = decisions.get(req);
    if (decision) reply.headers(rateLimitHeaders(decision));
    return payload;
  });
  return {
    /** Counts an authenticated request against its caller's limit; throws RATE_LIMITED past it. */
    limitCaller: (req: FastifyRequest, key: string) => take(req, limiters.caller, key, ''),
  };
}
