import type { ConversationState, Priority } from './conversation.ts';

type About<T extends string, D> = { type: T; conversationId: string; data: D };
type Standalone<T extends string, D> = { type: T; conversationId: null; data: D };

/**
 * The business events one instance emits to analytics and webhook subscribers (the `webhook.ts` types, plus
 * offers and presence, which stay inside): a typed map instead of `{type: string, data: Record<...>}`.
 */
export type BusinessEvent =
  | About<
      'conversation.created',
      { pack: string; channel: string; state: ConversationState; team: string | null }
    >
  | About<'handoff.created', { team: string | null; priority: Priority; mode: 'warm' | 'cold'; pack: string }>
  | About<
      'conversation.assigned',
      { agentId: string | null; team: string | null; priority?: Priority; state?: ConversationState }
    >
  | About<
      'conversation.handed_back' | 'conversation.reopened' | 'conversation.closed',
      { state: ConversationState; team: string | null; agentId: string | null }
    >
  | About<'conversation.transferred', { from: string | null; to: string | null; fromAgent: string | null }>
  | About<'conversation.resolved', { agentId: string | null; team: string | null }>
  | About<'conversation.requeued', { agentId: string; why: string }>
  | About<'ticket.created', { ticketId: string; kind: string; team: string | null }>
  | About<'sla.breached', { team: string | null; priority: Priority; state: ConversationState }>
  | About<'offer.created', { agentId: string; offerId: string }>
  | About<'offer.declined' | 'offer.expired', { agentId: string }>
  | Standalone<'agent.presence', { agentId: string; status: string }>
  | Standalone<
      'alert.raised',
      { alertId: string; kind: string; level: string; text: string; details: Record<string, unknown> }
    >;

export type BusinessEventType = BusinessEvent['type'];
