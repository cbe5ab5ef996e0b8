import type { Caller } from '../http/define-route.ts';
import type { Conversation } from '../protocol/conversation.ts';

/** Whether this caller may list or download a conversation's documents, and why not. */
export type DocumentAccess = { kind: 'allowed' } | { kind: 'denied'; reason: string };

/**
 * Documents go to the customer of the conversation (their token names it) and to the people on the case: the
 * agent it is assigned to, agents of the team that holds it, agents of a team the customer has a booked appointment
 * with on the same case (the branch that will see them), supervisors and admins. Nobody else, API keys included.
 */
export function canSeeDocuments(
  caller: Caller,
  conversation: Pick<Conversation, 'id' | 'team' | 'assigneeId'>,
  agentTeams: readonly string[],
  /** Teams with a booked appointment on any conversation of this conversation's case. */
  appointmentTeams: readonly string[] = [],
): DocumentAccess {
  if (caller.kind === 'customer') {
    return caller.conversationId === conversation.id
      ? { kind: 'allowed' }
      : { kind: 'denied', reason: 'this token does not grant access to that conversation' };
  }
  if (caller.kind !== 'agent')
    return { kind: 'denied', reason: 'documents are for the customer and the case' };
  if (caller.role === 'supervisor' || caller.role === 'admin') return { kind: 'allowed' };
  if (conversation.assigneeId === caller.agentId) return { kind: 'allowed' };
  if (conversation.team !== null && agentTeams.includes(conversation.team)) return { kind: 'allowed' };
  if (appointmentTeams.some((team) => agentTeams.includes(team))) return { kind: 'allowed' };
  return { kind: 'denied', reason: 'only agents on the case (its assignee or team) see its documents' };
}
