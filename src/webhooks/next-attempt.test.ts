import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  classifyResponse,
  decideAfterAttempt,
  defaultMaxAttempts,
  nextAttempt,
} from './next-attempt.ts';

const s = 1000;
const min = 60 * s;
const h = 60 * min;

describe('nextAttempt', () => {
  it.each([
    { attempts: 1, jitter: 0, expected: { kind: 'retry', delayMs: 10 * s } },
    { attempts: 2, jitter: 0, expected: { kind: 'retry', delayMs: 30 * s } },
    { attempts: 3, jitter: 0, expected: { kind: 'retry', delayMs: 2 * min } },
    { attempts: 4, jitter: 0, expected: { kind: 'retry', delayMs: 10 * min } },
    { attempts: 5, jitter: 0, expected: { kind: 'retry', delayMs: h } },
    { attempts: 6, jitter: 0, expected: { kind: 'retry', delayMs: 3 * h } },
    { attempts: 9, jitter: 0, expected: { kind: 'retry', delayMs: 24 * h } },
    { attempts: 10, jitter: 0, expected: { kind: 'give-up' } },
    { attempts: 1, jitter: 0.5, expected: { kind: 'retry', delayMs: 11 * s } },
    { attempts: 2, jitter: 0.999, expected: { kind: 'retry', delayMs: 35_994 } },
    { attempts: 1, jitter: 7, expected: { kind: 'retry', delayMs: 12 * s } },
    { attempts: 1, jitter: -1, expected: { kind: 'retry', delayMs: 10 * s } },
  ])('after $attempts attempts with jitter $jitter', ({ attempts, jitter, expected }) => {
    expect(nextAttempt(attempts, jitter)).toEqual(expected);
  });

  it('gives up after the default number of attempts', () => {
    expect(defaultMaxAttempts).toBe(10);
    expect(nextAttempt(defaultMaxAttempts, 0)).toEqual({ kind: 'give-up' });
  });

  it('takes a shorter schedule and repeats its last delay', () => {
    const options = { maxAttempts: 5, delaysMs: [100, 200] };
    expect([1, 2, 3, 4, 5].map((n) => nextAttempt(n, 0, options))).toEqual([
      { kind: 'retry', delayMs: 100 },
      { kind: 'retry', delayMs: 200 },
      { kind: 'retry', delayMs: 200 },
      { kind: 'retry', delayMs: 200 },
      { kind: 'give-up' },
    ]);
  });
});

describe('classifyResponse', () => {
  const response = (status: number): AttemptOutcome => ({ kind: 'response', status });
  it.each([
    { outcome: response(200), expected: 'delivered' },
    { outcome: response(201), expected: 'delivered' },
    { outcome: response(204), expected: 'delivered' },
    { outcome: response(299), expected: 'delivered' },
    { outcome: response(301), expected: 'fail' },
    { outcome: response(400), expected: 'fail' },
    { outcome: response(401), expected: 'fail' },
    { outcome: response(404), expected: 'fail' },
    { outcome: response(408), expected: 'retry' },
    { outcome: response(410), expected: 'disable' },
    { outcome: response(422), expected: 'fail' },
    { outcome: response(429), expected: 'retry' },
    { outcome: response(500), expected: 'retry' },
    { outcome: response(502), expected: 'retry' },
    { outcome: response(503), expected: 'retry' },
    { outcome: { kind: 'timeout', afterMs: 5000 } as const, expected: 'retry' },
    { outcome: { kind: 'error', message: 'ECONNREFUSED' } as const, expected: 'retry' },
  ])('$outcome.kind $outcome.status -> $expected', ({ outcome, expected }) => {
    expect(classifyResponse(outcome).kind).toBe(expected);
  });

  it('says why', () => {
    expect(classifyResponse({ kind: 'timeout', afterMs: 5000 })).toEqual({
      kind: 'retry',
      reason: 'timed out after 5000 ms',
    });
    expect(classifyResponse(response(503))).toEqual({ kind: 'retry', reason: 'HTTP 503' });
  });
});

describe('decideAfterAttempt', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);
  it.each([
    {
      case: 'delivered',
      outcome: { kind: 'response', status: 204 },
      attempts: 1,
      expected: { kind: 'delivered', statusCode: 204, at: now },
    },
    {
      case: 'first failure',
      outcome: { kind: 'response', status: 500 },
      attempts: 1,
      expected: { kind: 'retry', statusCode: 500, error: 'HTTP 500', nextAttemptAt: later(10 * s) },
    },
    {
      case: 'second timeout',
      outcome: { kind: 'timeout', afterMs: 5000 },
      attempts: 2,
      expected: {
        kind: 'retry',
        statusCode: null,
        error: 'timed out after 5000 ms',
        nextAttemptAt: later(30 * s),
      },
    },
    {
      case: 'last attempt',
      outcome: { kind: 'response', status: 503 },
      attempts: 10,
      expected: { kind: 'failed', statusCode: 503, error: 'HTTP 503; gave up after 10 attempts' },
    },
    {
      case: 'permanent failure',
      outcome: { kind: 'response', status: 400 },
      attempts: 1,
      expected: { kind: 'failed', statusCode: 400, error: 'HTTP 400' },
    },
    {
      case: 'gone',
      outcome: { kind: 'response', status: 410 },
      attempts: 3,
      expected: { kind: 'disable', statusCode: 410, error: 'HTTP 410: the receiver is gone' },
    },
  ] as const)('$case', ({ outcome, attempts, expected }) => {
    expect(decideAfterAttempt({ outcome, attempts, jitter: 0, now })).toEqual(expected);
  });
});
