import { describe, expect, it } from 'vitest';
import { decideLoginAttempt, defaultLoginPolicy, loginDelayMs } from './decide-login-attempt.ts';

const t0 = Date.parse('2026-03-02T10:00:00Z');
const s = 1000;
const min = 60 * s;

describe('loginDelayMs', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1 * s],
    [6, 2 * s],
    [7, 4 * s],
    [14, 512 * s],
    [15, 15 * min],
    [40, 15 * min],
    [5000, 15 * min],
  ])('after %i failures waits %i ms', (failures, delay) => {
    expect(loginDelayMs(failures)).toBe(delay);
  });
});

describe('decideLoginAttempt', () => {
  it.each([
    ['the first attempt', null, t0, { kind: 'proceed', failures: 1 }],
    ['a second attempt at once', { failures: 1, lastFailureAt: t0 }, t0, { kind: 'proceed', failures: 2 }],
    ['the fifth at once', { failures: 4, lastFailureAt: t0 }, t0, { kind: 'proceed', failures: 5 }],
    ['the sixth at once', { failures: 5, lastFailureAt: t0 }, t0, { kind: 'wait', retryAfterMs: 1 * s }],
    [
      'the sixth 400 ms later',
      { failures: 5, lastFailureAt: t0 },
      t0 + 400,
      { kind: 'wait', retryAfterMs: 600 },
    ],
    [
      'the sixth a second later',
      { failures: 5, lastFailureAt: t0 },
      t0 + 1 * s,
      { kind: 'proceed', failures: 6 },
    ],
    [
      'the seventh a second later',
      { failures: 6, lastFailureAt: t0 },
      t0 + 1 * s,
      { kind: 'wait', retryAfterMs: 1 * s },
    ],
    [
      'deep in backoff',
      { failures: 30, lastFailureAt: t0 },
      t0 + 1 * min,
      { kind: 'wait', retryAfterMs: 14 * min },
    ],
    [
      'after the capped wait',
      { failures: 30, lastFailureAt: t0 },
      t0 + 15 * min,
      { kind: 'proceed', failures: 31 },
    ],
    [
      'a day after the last failure',
      { failures: 30, lastFailureAt: t0 },
      t0 + defaultLoginPolicy.forgetAfterMs,
      { kind: 'proceed', failures: 1 },
    ],
    [
      'a clock that went back',
      { failures: 5, lastFailureAt: t0 },
      t0 - 5 * s,
      { kind: 'wait', retryAfterMs: 6 * s },
    ],
  ] as const)('%s', (_name, recorded, now, decision) => {
    expect(decideLoginAttempt(recorded, now)).toEqual(decision);
  });

  it('follows another policy', () => {
    const policy = { freeFailures: 0, firstDelayMs: 10, maxDelayMs: 25, forgetAfterMs: 1000 };
    expect(decideLoginAttempt({ failures: 1, lastFailureAt: t0 }, t0, policy)).toEqual({
      kind: 'wait',
      retryAfterMs: 20,
    });
    expect(decideLoginAttempt({ failures: 9, lastFailureAt: t0 }, t0 + 5, policy)).toEqual({
      kind: 'wait',
      retryAfterMs: 20,
    });
  });
});
