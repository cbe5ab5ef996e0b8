/** How sign-in attempts per email are throttled. */
export type LoginPolicy = {
  /** Failures allowed back to back before any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A failure this old no longer counts: the next attempt starts afresh. */
  forgetAfterMs: number;
};

/** Five free failures, then 1 s doubling up to 15 minutes; a day of quiet forgets them. */
export const defaultLoginPolicy: LoginPolicy = {
  freeFailures: 5,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3600_000,
};

/** The failures recorded for one email so far (null when there are none). */
export type LoginFailures = { failures: number; lastFailureAt: number } | null;

/**
 * May this attempt go ahead? `proceed` carries the failure count to record before checking the password
 * (a success clears it), so concurrent attempts each use up one; `wait` says how long until one may.
 */
export type LoginDecision = { kind: 'proceed'; failures: number } | { kind: 'wait'; retryAfterMs: number };

/** The wait owed after `failures` failures in a row: none for the free ones, then doubling to the cap. */
export function loginDelayMs(failures: number, policy: LoginPolicy = defaultLoginPolicy): number {
  const past = failures - policy.freeFailures;
  if (past < 0) return 0;
  // 2 ** past overflows to Infinity long after the cap; min() keeps it finite.
  return Math.min(policy.firstDelayMs * 2 ** past, policy.maxDelayMs);
}

/** Decides whether a sign-in attempt for an email may proceed at `nowMs`, given its recorded failures. */
export function decideLoginAttempt(
  recorded: LoginFailures,
  nowMs: number,
  policy: LoginPolicy = defaultLoginPolicy,
): LoginDecision {
  if (!recorded || nowMs - recorded.lastFailureAt >= policy.forgetAfterMs)
    return { kind: 'proceed', failures: 1 };
  const wait = recorded.lastFailureAt + loginDelayMs(recorded.failures, policy) - nowMs;
  if (wait > 0) return { kind: 'wait', retryAfterMs: wait };
  return { kind: 'proceed', failures: recorded.failures + 1 };
}
