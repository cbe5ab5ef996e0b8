import type { Agent } from '../../src/protocol/agent.ts';
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
    take: (id: string) => post<{ conversation: Conversation }>(`${conv(id)}/take`),
    resolve: (id: string) => post<{ conversation: Conversation }>(`${conv(id)}/resolve`),
    handBack: (id: string) => post<{ conversation: Conversation }>(`${conv(id)}/hand-back`),
    offers: () => get<{ offers: Offer[] }>('/agent/offers'),
    acceptOffer: (id: string) =>
      post<{ conversation: Conversation }>(`/agent/offers/${encodeURIComponent(id)}/accept`),
    declineOffer: (id: string) => post<{ ok: true }>(`/agent/offers/${encodeURIComponent(id)}/decline`),
    postMessage: (id: string, body: { text: string; clientMessageId: string; internal?: boolean }) =>
      post<{ message: Message }>(`${conv(id)}/messages`, body),
  };
}
