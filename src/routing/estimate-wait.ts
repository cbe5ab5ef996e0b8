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
  /** Seconds until any agent may be offered this conversation (all who could take it refused it lately). */
  readyInSeconds?: number;
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
  const forSlot =
    waitingForSlot === 0 ? accept : accept + (meanHandle / input.totalSlots) * (waitingForSlot - 0.5);
  const seconds = Math.max(forSlot, (input.readyInSeconds ?? 0) + accept);
  return { kind: 'estimate', seconds: Math.round(seconds) };
}

/** One agent who could take the conversation (online, in the team), as the estimate counts them. */
export type SlotAgent = { id: string; capacity: number; load: number };

/**
 * The slots that count for one queued conversation: only agents who can really take it (online and in the
 * team, within business hours). An agent cooling down after refusing it keeps their slots, but may have it only
 * once the cool-down ends: the conversation is ready when the first agent with a free slot may have it (or,
 * with every slot busy and everyone cooling down, when the first cool-down ends). A pending offer of this very
 * conversation holds one of the free slots, so it is given back.
 */
export function countSlots(input: {
  agents: readonly SlotAgent[];
  open: boolean;
  /** Until when (ms) agents who refused this conversation are cooling down. */
  coolingUntil: ReadonlyMap<string, number>;
  /** Whether an agent holds an offer of this conversation now. */
  offered: boolean;
  nowMs: number;
}): Pick<WaitInput, 'freeSlots' | 'totalSlots' | 'readyInSeconds'> {
  if (!input.open || input.agents.length === 0) return { freeSlots: 0, totalSlots: 0, readyInSeconds: 0 };
  const readyAt = (a: SlotAgent) => input.coolingUntil.get(a.id) ?? input.nowMs;
  const withFree = input.agents.filter((a) => a.capacity > a.load);
  const soonest = Math.min(...(withFree.length > 0 ? withFree : input.agents).map(readyAt));
  return {
    totalSlots: input.agents.reduce((n, a) => n + a.capacity, 0),
    freeSlots: withFree.reduce((n, a) => n + a.capacity - a.load, 0) + (input.offered ? 1 : 0),
    readyInSeconds: input.offered ? 0 : Math.max(0, Math.ceil((soonest - input.nowMs) / 1000)),
  };
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
