import type { ConversationService } from '../conversations/conversation-service.ts';
import { fail } from '../platform/errors.ts';
import type { Conversation } from '../protocol/conversation.ts';
import type { ServerMessage } from '../protocol/ws.ts';
import type { RoutingStore } from './routing-store.ts';

/**
 * A console user takes a conversation by hand, from the bot or the queue. The claim store decides and assigns
 * in one locked transaction (team and capacity for agents; supervisors and admins override, logged); this
 * announces it, tells whoever held an offer of it, and tells the customer who joined.
 */
export function createTakeConversation(deps: {
  store: RoutingStore;
  conversations: ConversationService;
  tell: (agentId: string, message: ServerMessage) => Promise<void>;
  now: () => Date;
}) {
  const { store, conversations } = deps;
  return async (
    conversationId: string,
    agent: { id: string; name: string; teams: string[] },
  ): Promise<Conversation> => {
    const before = await conversations.getPlain(conversationId);
    const taken = await store.take(conversationId, agent.id, deps.now());
    if (!taken.ok) fail(taken.code, taken.reason, { reason: taken.code });
    const updated = await conversations.get(conversationId);
    await conversations.announce(
      { type: 'take_over', agentId: agent.id, team: agent.teams[0] ?? null },
      updated,
      { ...before, ...taken.previous },
      taken.note ? [taken.note] : [],
    );
    for (const offer of taken.closedOffers) {
      await deps.tell(offer.agentId, {
        type: 'offer_closed',
        offerId: offer.id,
        reason: offer.status === 'accepted' ? 'accepted' : 'taken by someone else',
      });
    }
    await conversations.systemNote(conversationId, `${agent.name} joined the conversation`, {
      event: 'agent_joined',
      agentId: agent.id,
    });
    return updated;
  };
}
