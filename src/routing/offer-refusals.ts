/** An agent's refusal of an offered conversation: declined, or let the offer expire (a miss); `at` in ms. */
export type Refusal = { agentId: string; kind: 'declined' | 'expired'; at: number };

/** How an agent answered an offer (withdrawn offers are no answer and are left out). */
export type OfferOutcome = 'accepted' | 'declined' | 'expired';

/** What the router does about refused offers; docs/routing.md explains the choice. */
export const refusalPolicy = {
  /** An agent who declined or missed a conversation is not offered that conversation again for this long. */
  cooldownSeconds: 60,
  /** Missed (expired) offers in a row after which the agent is set away and supervisors are told. */
  missesBeforeAway: 2,
} as const;

/** Until when (ms) each agent who refused a conversation is still cooling down; agents past it are left out. */
export function coolingDown(
  refusals: readonly Refusal[],
  nowMs: number,
  cooldownSeconds: number = refusalPolicy.cooldownSeconds,
): Map<string, number> {
  const until = new Map<string, number>();
  for (const r of refusals) {
    const end = r.at + cooldownSeconds * 1000;
    if (end > nowMs && end > (until.get(r.agentId) ?? 0)) until.set(r.agentId, end);
  }
  return until;
}

/** Whether the missed offers in a row (newest first, since the agent last came online) mean setting them away. */
export function decideMissedOffers(
  outcomes: readonly OfferOutcome[],
  missesBeforeAway: number = refusalPolicy.missesBeforeAway,
): { kind: 'keep'; misses: number } | { kind: 'set_away'; misses: number } {
  const firstAnswer = outcomes.findIndex((o) => o !== 'expired');
  const misses = firstAnswer === -1 ? outcomes.length : firstAnswer;
  return misses >= missesBeforeAway ? { kind: 'set_away', misses } : { kind: 'keep', misses };
}
