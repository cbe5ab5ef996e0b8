/** How long to wait after the 1st, 2nd, ... failed attempt: about 46 hours in all. */
export const retryDelaysMs = [
  10_000,
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  24 * 3_600_000,
] as const;

/** Attempts before a delivery is given up: the first one plus one per delay. */
export const defaultMaxAttempts = retryDelaysMs.length + 1;

/** A delay is stretched by up to this fraction, so receivers that failed together are not retried together. */
export const maxJitter = 0.2;

export type ScheduleOptions = { maxAttempts?: number; delaysMs?: readonly number[] };

export type NextAttempt = { kind: 'retry'; delayMs: number } | { kind: 'give-up' };

/** After `attempts` attempts have failed, how long to wait before the next one; `jitter` is in [0, 1). */
export function nextAttempt(attempts: number, jitter: number, options: ScheduleOptions = {}): NextAttempt {
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const delays = options.delaysMs ?? retryDelaysMs;
  if (attempts >= maxAttempts || delays.length === 0) return { kind: 'give-up' };
  const base = delays[Math.min(Math.max(attempts, 1), delays.length) - 1]!;
  const spread = Math.min(Math.max(jitter, 0), 1) * maxJitter;
  return { kind: 'retry', delayMs: Math.round(base * (1 + spread)) };
}

/** What came back from one POST. */
export type AttemptOutcome =
  | { kind: 'response'; status: number }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'error'; message: string };

export type ResponseClass =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string }
  | { kind: 'fail'; reason: string }
  | { kind: 'disable'; reason: string };

/** Whether an attempt delivered, may be retried, failed for good, or tells us to stop sending (410). */
export function classifyResponse(outcome: AttemptOutcome): ResponseClass {
  if (outcome.kind === 'timeout') return { kind: 'retry', reason: `timed out after ${outcome.afterMs} ms` };
  if (outcome.kind === 'error') return { kind: 'retry', reason: outcome.message };
  const { status } = outcome;
  const reason = `HTTP ${status}`;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable', reason: `${reason}: the receiver is gone` };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', reason };
  // Redirects are not followed: a moved endpoint has to be registered again, like any other 4xx.
  return { kind: 'fail', reason };
}

/** What to record after an attempt. */
export type DeliveryDecision =
  | { kind: 'delivered'; statusCode: number; at: Date }
  | { kind: 'retry'; statusCode: number | null; error: string; nextAttemptAt: Date }
  | { kind: 'failed'; statusCode: number | null; error: string }
  | { kind: 'disable'; statusCode: number | null; error: string };

/** Combines the response class and the schedule into what happens to the delivery after attempt number `attempts`. */
export function decideAfterAttempt(input: {
  outcome: AttemptOutcome;
  attempts: number;
  jitter: number;
  now: Date;
  schedule?: ScheduleOptions;
}): DeliveryDecision {
  const { outcome, attempts, now } = input;
  const statusCode = outcome.kind === 'response' ? outcome.status : null;
  const verdict = classifyResponse(outcome);
  switch (verdict.kind) {
    case 'delivered':
      return { kind: 'delivered', statusCode: statusCode!, at: now };
    case 'disable':
      return { kind: 'disable', statusCode, error: verdict.reason };
    case 'fail':
      return { kind: 'failed', statusCode, error: verdict.reason };
    case 'retry': {
      const next = nextAttempt(attempts, input.jitter, input.schedule);
      if (next.kind === 'give-up')
        return { kind: 'failed', statusCode, error: `${verdict.reason}; gave up after ${attempts} attempts` };
      return {
        kind: 'retry',
        statusCode,
        error: verdict.reason,
        nextAttemptAt: new Date(now.getTime() + next.delayMs),
      };
    }
  }
}
