import type { ServerMessage } from '../protocol/ws.ts';
import { decideMissedOffers, refusalPolicy } from './offer-refusals.ts';
import type { RoutingStore } from './routing-store.ts';

/**
 * After an agent let an offer expire: counts their misses in a row since they came online, and at the policy's
 * limit sets them away (new offers stop; the conversations they hold stay with them), tells them how to come
 * back, and tells the supervisors which conversation waits.
 */
export function createMissedOfferHandler(deps: {
  store: RoutingStore;
  setAway: (agentId: string) => Promise<void>;
  tell: (agentId: string, message: ServerMessage) => Promise<void>;
  tellSupervisors: (message: ServerMessage) => Promise<void>;
  missesBeforeAway?: number;
}) {
  const { store } = deps;
  return async (offer: { agentId: string; conversationId: string }, team: string | null): Promise<void> => {
    const presence = await store.presenceSince(offer.agentId);
    if (presence.status !== 'online') return;
    const decision = decideMissedOffers(
      await store.recentOutcomes(offer.agentId, presence.since),
      deps.missesBeforeAway ?? refusalPolicy.missesBeforeAway,
    );
    if (decision.kind === 'keep') return;
    await deps.setAway(offer.agentId);
    const name = (await store.agentNames([offer.agentId])).get(offer.agentId) ?? offer.agentId;
    await deps.tell(offer.agentId, {
      type: 'notice',
      level: 'warning',
      text: `You missed ${decision.misses} offers in a row, so you are set to Away and get no new offers. Set yourself Online when you are back.`,
      conversationId: null,
      event: 'agent.missed_offers',
    });
    await deps.tellSupervisors({
      type: 'notice',
      level: 'warning',
      text: `${name} missed ${decision.misses} offers in a row and is set to Away; conversation ${offer.conversationId} waits in the ${team ?? 'team'} queue.`,
      conversationId: offer.conversationId,
      event: 'agent.missed_offers',
    });
  };
}
