import { describe, expect, it } from 'vitest';
import { takeToken } from './rate-limit.ts';

describe('takeToken', () => {
  it.each([
    ['a fresh bucket allows', undefined, 0, { allowed: true, remaining: 59, retryAfterMs: 0 }],
    [
      'an empty bucket refuses',
      { tokens: 0, at: 0 },
      0,
      { allowed: false, remaining: 0, retryAfterMs: 1000 },
    ],
    ['an empty bucket refills over time', { tokens: 0, at: 0 }, 1000, { allowed: true, remaining: 0 }],
    ['a fraction left refuses', { tokens: 0.5, at: 0 }, 0, { allowed: false, retryAfterMs: 500 }],
    ['a clock behind the bucket does not refill', { tokens: 0, at: 5000 }, 1000, { allowed: false }],
    ['a full bucket stays full', { tokens: 60, at: 0 }, 600_000, { allowed: true, remaining: 59 }],
  ])('%s', (_name, bucket, now, expected) => {
    expect(takeToken(bucket, now, 60).decision).toMatchObject(expected);
  });

  it('reports the limit and how long until the bucket is full again', () => {
    expect(takeToken({ tokens: 30, at: 0 }, 0, 60).decision).toEqual({
      allowed: true,
      limit: 60,
      remaining: 29,
      resetMs: 31_000,
      retryAfterMs: 0,
    });
  });
});
