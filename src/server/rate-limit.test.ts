import { describe, expect, it } from 'vitest';
import { createRateLimiter, takeToken } from './rate-limit.ts';

describe('takeToken', () => {
  it.each([
    ['a fresh bucket allows', undefined, 0, true],
    ['an empty bucket refuses', { tokens: 0, at: 0 }, 0, false],
    ['an empty bucket refills over time', { tokens: 0, at: 0 }, 1000, true],
    ['a bucket with a fraction left refuses', { tokens: 0.5, at: 0 }, 0, false],
  ])('%s', (_name, bucket, now, allowed) => {
    expect(takeToken(bucket, now, 60).allowed).toBe(allowed);
  });

  it('says how long to wait', () => {
    expect(takeToken({ tokens: 0, at: 0 }, 0, 60).retryAfterMs).toBe(1000);
  });
});

describe('createRateLimiter', () => {
  it('limits each key on its own', () => {
    let t = 0;
    const limiter = createRateLimiter(3, () => t);
    expect([1, 2, 3, 4].map(() => limiter.hit('a'))).toEqual([0, 0, 0, 20_000]);
    expect(limiter.hit('b')).toBe(0);
    t = 20_000;
    expect(limiter.hit('a')).toBe(0);
  });
});
