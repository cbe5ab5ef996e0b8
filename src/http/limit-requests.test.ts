import { describe, expect, it } from 'vitest';
import type { RateDecision } from '../platform/rate-limit.ts';
import { rateLimitHeaders, tighter } from './limit-requests.ts';

const decision = (fields: Partial<RateDecision>): RateDecision => ({
  allowed: true,
  limit: 100,
  remaining: 50,
  resetMs: 30_000,
  retryAfterMs: 0,
  ...fields,
});

describe('tighter', () => {
  const refused = decision({ allowed: false, remaining: 0, retryAfterMs: 500 });
  const few = decision({ remaining: 2 });
  const many = decision({ remaining: 90 });
  const smallLimit = decision({ limit: 10 });
  it.each([
    ['the only one', undefined, few, few],
    ['a refusal over an allowance', few, refused, refused],
    ['a refusal kept over a later allowance', refused, many, refused],
    ['fewer left', many, few, few],
    ['fewer left, either order', few, many, few],
    ['the smaller limit on a tie', decision({}), smallLimit, smallLimit],
  ])('picks %s', (_name, a, b, expected) => {
    expect(tighter(a, b)).toBe(expected);
  });
});

describe('rateLimitHeaders', () => {
  it.each([
    [
      'an allowed request',
      decision({ remaining: 7, resetMs: 1_500 }),
      { 'ratelimit-limit': '100', 'ratelimit-remaining': '7', 'ratelimit-reset': '2' },
    ],
    [
      'a refused request, with at least one second to wait',
      decision({ allowed: false, remaining: 0, resetMs: 60_000, retryAfterMs: 200 }),
      { 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '60', 'retry-after': '1' },
    ],
  ])('reports %s', (_name, d, expected) => {
    expect(rateLimitHeaders(d)).toEqual(expected);
  });
});
