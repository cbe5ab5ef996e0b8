import type { Agent } from '../../src/protocol/agent.ts';
import type { ContextView } from '../../src/protocol/context-package.ts';
import type { Conversation, Customer, Message } from '../../src/protocol/conversation.ts';
import type { Offer } from '../../src/protocol/ws.ts';
import { requestJson } from '../shared/request-json.ts';

/** One row of the agent inbox. */
export type InboxItem = {
  conversation: Conversation;
  customer: Customer | null;
  lastMessage: Message | null;
};
/** Everything the conversation view loads at once. */
export type ConversationDetail = {
  conversation: Conversation;
  customer: Customer | null;
  messages: Message[];
};
/** The handoff context package as this user's team and role may see it, and how many handoffs it has had. */
export type ContextResponse = { context: ContextView | null; handoffs: number };
/** A canned reply. */
export type Macro = { id: string; title: string; text: string; team: string | null };
/** A team as the admin API lists it (only the fields the console uses). */
export type TeamSummary = { id: string; name: string };
/** A message or callback request a customer left when nobody could take the conversation. */
export type Ticket = {
  id: string;
  conversationId: string;
  team: string | null;
  kind: string;
  contact: string | null;
  callbackAt: string | null;
  note: string | null;
  status: string;
  createdAt: string;
};
/** Where a transfer goes: a team, an agent, or both (the agent within the team). */
export type TransferTarget = { team?: string; agentId?: string };

/** The console's typed client for the Baton REST API; every failure is an ApiError with the server's code. */
export type ConsoleApi = ReturnType<typeof createConsoleApi>;

/** Builds the API client for a token (null before login); `base` is the server origin, '' for the same origin. */
export function createConsoleApi(token: string | null, base = '') {
  const url = (path: string) => `${base}/api/v1${path}`;
  const conv = (id: string) => `/agent/conversations/${encodeURIComponent(id)}`;
  const get = <T>(path: string) => requestJson<T>(url(path), { token });
  const post = <T>(path: string, body: unknown = {}) =>
    requestJson<T>(url(path), { method: 'POST', token, body });
  return {
    login: (email: string, password: string) =>
      requestJson<{ token: string; agent: Agent }>(url('/auth/login'), {
        method: 'POST',
        body: { email, password },
      }),
    me: () => get<{ agent: Agent }>('/me'),
    inbox: () => get<{ conversations: InboxItem[] }>('/agent/conversations'),
    conversation: (id: string) => get<ConversationDetail>(conv(id)),
    context: (id: string) => get<ContextResponse>(`${conv(id)}/context`),
    reveal: (id: string, token: string, reason: string) =>
      post<{ token: string; type: string; value: string }>(`${conv(id)}/reveal`, { token, reason }),
    take: (id: string) => post<{ conversation: Conversation }>(`${conv(id)}/take`),
    resolve: (id: string) => post<{ conversation: Conversation }>(`${conv(id)}/resolve`),
    handBack: (id: string, summary?: string) =>
      post<{ conversation: Conversation }>(`${conv(id)}/hand-back`, summary ? { summary } : {}),
    transfer: (id: string, to: TransferTarget, note: string) =>
      post<{ conversation: Conversation }>(`${conv(id)}/transfer`, { ...to, note }),
    offers: () => get<{ offers: Offer[] }>('/agent/offers'),
    acceptOffer: (id: string) =>
      post<{ conversation: Conversation }>(`/agent/offers/${encodeURIComponent(id)}/accept`),
    declineOffer: (id: string) => post<{ ok: true }>(`/agent/offers/${encodeURIComponent(id)}/decline`),
    postMessage: (id: string, body: { text: string; clientMessageId: string; internal?: boolean }) =>
      post<{ message: Message }>(`${conv(id)}/messages`, body),
    macros: () => get<{ macros: Macro[] }>('/agent/macros'),
    tickets: () => get<{ tickets: Ticket[] }>('/agent/tickets'),
    closeTicket: (id: string) => post<{ ticket: Ticket }>(`/agent/tickets/${encodeURIComponent(id)}/close`),
    /** Supervisors and admins only: agents get FORBIDDEN. */
    teams: () => get<{ teams: TeamSummary[] }>('/admin/teams'),
    /** Admins only: supervisors and agents get FORBIDDEN. */
    agents: () => get<{ agents: Agent[] }>('/admin/agents'),
  };
}
