import { describe, expect, it } from 'vitest';
import { botAnswerAttempts, planBotRetry } from './plan-bot-retry.ts';

describe('planBotRetry', () => {
  it.each([
    { failures: 0, next: 'answer', delayMs: 0 },
    { failures: 1, next: 'answer', delayMs: 1000 },
    { failures: 2, next: 'answer', delayMs: 2000 },
    { failures: 3, next: 'apologize', delayMs: 4000 },
    { failures: 4, next: 'apologize', delayMs: 8000 },
    { failures: 7, next: 'apologize', delayMs: 60_000 },
    { failures: 40, next: 'apologize', delayMs: 60_000 },
  ])('after $failures failures: $next in $delayMs ms', ({ failures, next, delayMs }) => {
    expect(planBotRetry(failures)).toEqual({ next, delayMs });
  });

  it('answers exactly botAnswerAttempts times before apologising', () => {
    const attempts = Array.from({ length: 10 }, (_, f) => planBotRetry(f).next);
    expect(attempts.filter((n) => n === 'answer')).toHaveLength(botAnswerAttempts);
  });
});
