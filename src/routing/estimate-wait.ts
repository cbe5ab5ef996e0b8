/** The queue as the estimate sees it. */
export type WaitInput = {
  /** 1-based place in the team's queue. */
  position: number;
  /** Free conversation slots among eligible online agents right now. */
  freeSlots: number;
  /** Total conversation slots among eligible online agents. */
  totalSlots: number;
  /** Handle times (seconds) of recently resolved conversations of the team, newest first. */
  recentHandleSeconds: readonly number[];
  /** Used when there is no history yet. */
  defaultHandleSeconds?: number;
  /** Typical time for an agent to accept an offer. */
  acceptSeconds?: number;
};

export type WaitEstimate = { kind: 'estimate'; seconds: number } | { kind: 'nobody_available' };

/**
 * Estimates how long until an agent picks this conversation up: a slot frees on average every
 * (mean handle time / total slots) seconds, and the conversations ahead take the free slots first.
 */
export function estimateWait(input: WaitInput): WaitEstimate {
  if (input.totalSlots <= 0) return { kind: 'nobody_available' };
  const accept = input.acceptSeconds ?? 10;
  const recent = input.recentHandleSeconds.slice(0, 50);
  const meanHandle =
    recent.length > 0
      ? recent.reduce((a, b) => a + b, 0) / recent.length
      : (input.defaultHandleSeconds ?? 300);
  const waitingForSlot = Math.max(0, input.position - input.freeSlots);
  // On average the first slot frees halfway through a handle time; each later one after another handle/slots.
  const seconds =
    waitingForSlot === 0 ? accept : accept + (meanHandle / input.totalSlots) * (waitingForSlot - 0.5);
  return { kind: 'estimate', seconds: Math.round(seconds) };
}

/** Says a wait the way a person would ("about 3 minutes"). */
export function describeWait(estimate: WaitEstimate): string {
  if (estimate.kind === 'nobody_available') return 'unknown';
  const s = estimate.seconds;
  if (s < 45) return 'less than a minute';
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 6) / 10;
  return `about ${hours} hour${hours === 1 ? '' : 's'}`;
}
