import type { Csat } from '../../src/protocol/analytics.ts';
import type { Conversation, CreateConversationBody } from '../../src/protocol/conversation.ts';
import { ApiError, asSentence, requestJson } from '../shared/request-json.ts';

/** What a customer can leave when nobody can take the conversation now. */
export type TicketRequest =
  | { kind: 'message'; email: string; note?: string }
  | { kind: 'callback'; phone: string; note?: string };

/** The customer's REST calls; every failure is an ApiError carrying the server's code and message. */
export function createCustomerApi(server: string) {
  const conv = (id: string) => `${server}/api/v1/conversations/${encodeURIComponent(id)}`;
  return {
    start: (body: CreateConversationBody) =>
      requestJson<{ conversation: Conversation; customerToken: string }>(`${server}/api/v1/conversations`, {
        method: 'POST',
        body,
      }),
    get: (id: string, token: string) => requestJson<{ conversation: Conversation }>(conv(id), { token }),
    cancelWaiting: (id: string, token: string) =>
      requestJson<{ conversation: Conversation }>(`${conv(id)}/cancel`, { method: 'POST', token, body: {} }),
    leaveTicket: (id: string, token: string, ticket: TicketRequest) =>
      requestJson<{ ticket: unknown }>(`${conv(id)}/ticket`, { method: 'POST', token, body: ticket }),
    end: (id: string, token: string) =>
      requestJson<{ conversation: Conversation }>(`${conv(id)}/end`, { method: 'POST', token, body: {} }),
    describeCustomer: (id: string, token: string, body: { name?: string; email?: string }) =>
      requestJson<{ customer: { name: string | null; email: string | null } }>(`${conv(id)}/customer`, {
        method: 'POST',
        token,
        body,
      }),
    getCsat: (id: string, token: string) => requestJson<{ csat: Csat | null }>(`${conv(id)}/csat`, { token }),
    rate: (id: string, token: string, body: { rating: number; comment?: string }) =>
      requestJson<{ csat: Csat }>(`${conv(id)}/csat`, { method: 'POST', token, body }),
    /** Sends a file as raw bytes; the server reads its type from the content. */
    async upload(id: string, token: string, file: File, clientId: string): Promise<void> {
      const query = new URLSearchParams({ name: file.name || 'document', clientId });
      let res: Response;
      try {
        res = await fetch(`${conv(id)}/documents?${query}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/octet-stream',
            ...(file.type && { 'x-declared-type': file.type }),
          },
          body: file,
        });
      } catch {
        throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server.');
      }
      if (res.ok) return;
      const problem = (await res.json().catch(() => null)) as { code?: string; detail?: string } | null;
      throw new ApiError(
        res.status,
        problem?.code ?? `HTTP_${res.status}`,
        asSentence(problem?.detail ?? ''),
      );
    },
  };
}

export type CustomerApi = ReturnType<typeof createCustomerApi>;
