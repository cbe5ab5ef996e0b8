import type { Agent } from '../../src/protocol/agent.ts';
import type { Alert, HandoffLabel, RecentHandoff, Summary } from '../../src/protocol/analytics.ts';
import type { Appointment } from '../../src/protocol/appointment.ts';
import type { ContextView } from '../../src/protocol/context-package.ts';
import type { Conversation, Customer, Message } from '../../src/protocol/conversation.ts';
import type { DocumentInfo } from '../../src/protocol/document.ts';
import type { InboxScope } from '../../src/protocol/scope-inbox.ts';
import type { TimelineResponse } from '../../src/protocol/timeline.ts';
import type { Offer } from '../../src/protocol/ws.ts';
import { ApiError, requestJson } from '../shared/request-json.ts';

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
/** Who a conversation can be transferred to: every team, and the agents with their teams and presence. */
export type TransferTargets = {
  teams: TeamSummary[];
  agents: { id: string; name: string; teams: string[]; online: boolean }[];
};
/** One team's live queue, as the supervisor API reports it. */
export type LiveQueue = {
  team: string;
  name: string;
  open: boolean;
  depth: number;
  oldestWaitSeconds: number;
  agentsOnline: number;
  freeSlots: number;
  slaAtRisk: number;
  slaBreached: number;
};
/** A pack the server runs. */
export type PackSummary = { id: string; name: string; description: string };
/** The range (ISO times) and pack the analytics summary covers. */
export type SummaryQuery = { from: string; to: string; pack: string | null };
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
/** Someone declined or missed (`expired`) an offer of a conversation that still waits. */
export type QueueRefusal = {
  conversationId: string;
  team: string;
  agentId: string;
  agentName: string;
  kind: 'declined' | 'expired';
  at: string;
};
/** Whether one of the user's teams is open, and when a closed one opens (ISO). */
export type TeamHours = { team: string; name: string; open: boolean; opensAt: string | null };
/** An agent's verdict on a handoff, as posted. */
export type LabelInput = {
  needed: boolean;
  reasonCorrect: boolean;
  teamCorrect?: boolean;
  /** The team it should have gone to (with `teamCorrect: false`). */
  rightTeam?: string;
  earlier?: boolean;
  note?: string;
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
    /** Ends this token on the server (its open sockets close too). */
    logout: () => post<{ signedOut: true }>('/auth/logout'),
    me: () => get<{ agent: Agent }>('/me'),
    /** The first page (everyone waiting for or with a person, and the newest bot conversations), or the next. */
    inbox: (scope: InboxScope, cursor?: string) =>
      get<{ conversations: InboxItem[]; nextCursor: string | null }>(
        `/agent/conversations?${query({ scope, cursor: cursor ?? null })}`,
      ),
    conversation: (id: string) => get<ConversationDetail>(conv(id)),
    /** The documents the customer sent (names masked for the agent role). */
    documents: (id: string) =>
      get<{ documents: DocumentInfo[] }>(`/conversations/${encodeURIComponent(id)}/documents`),
    /** One document's bytes, for a download the browser saves. */
    async downloadDocument(id: string, documentId: string): Promise<Blob> {
      const res = await fetch(
        url(`/conversations/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}`),
        { headers: token ? { authorization: `Bearer ${token}` } : {} },
      );
      if (!res.ok) {
        const problem = (await res.json().catch(() => null)) as { code?: string; detail?: string } | null;
        throw new ApiError(
          res.status,
          problem?.code ?? `HTTP_${res.status}`,
          problem?.detail ?? res.statusText,
        );
      }
      return res.blob();
    },
    context: (id: string) => get<ContextResponse>(`${conv(id)}/context`),
    timeline: (customerId: string) =>
      get<TimelineResponse>(`/agent/customers/${encodeURIComponent(customerId)}/timeline`),
    places: (pack: string) =>
      get<{ places: { team: string; teamName: string; location: string }[] }>(
        `/packs/${encodeURIComponent(pack)}/places`,
      ),
    slots: (pack: string, team: string) =>
      get<{ slots: { startsAt: string; endsAt: string }[]; timezone: string }>(
        `/teams/${encodeURIComponent(team)}/slots?pack=${encodeURIComponent(pack)}`,
      ),
    bookAppointment: (conversationId: string, team: string, startsAt: string) =>
      post<{ appointment: Appointment }>(`${conv(conversationId)}/appointments`, { team, startsAt }),
    appointments: () => get<{ appointments: Appointment[] }>('/agent/appointments'),
    mergeCustomer: (customerId: string, duplicateId: string, reason: string) =>
      post<{ customer: unknown; movedConversations: number }>(
        `/agent/customers/${encodeURIComponent(customerId)}/merge`,
        { duplicateId, reason },
      ),
    reveal: (id: string, token: string, reason: string) =>
      post<{ token: string; type: string; value: string }>(`${conv(id)}/reveal`, { token, reason }),
    take: (id: string) => post<{ conversation: Conversation }>(`${conv(id)}/take`),
    resolve: (id: string) => post<{ conversation: Conversation }>(`${conv(id)}/resolve`),
    handBack: (id: string, summary?: string) =>
      post<{ conversation: Conversation }>(`${conv(id)}/hand-back`, summary ? { summary } : {}),
    transfer: (id: string, to: TransferTarget, note: string) =>
      post<{ conversation: Conversation }>(`${conv(id)}/transfer`, { ...to, note }),
    label: (id: string) => get<{ label: HandoffLabel | null }>(`${conv(id)}/label`),
    saveLabel: (id: string, body: LabelInput) => post<{ label: HandoffLabel }>(`${conv(id)}/label`, body),
    offers: () => get<{ offers: Offer[] }>('/agent/offers'),
    acceptOffer: (id: string) =>
      post<{ conversation: Conversation }>(`/agent/offers/${encodeURIComponent(id)}/accept`),
    declineOffer: (id: string) => post<{ ok: true }>(`/agent/offers/${encodeURIComponent(id)}/decline`),
    teamHours: () => get<{ now: string; teams: TeamHours[] }>('/agent/me/team-hours'),
    queueRefusals: () => get<{ refusals: QueueRefusal[] }>('/agent/queue/refusals'),
    /** Supervisors and admins: the teams whose chats they take. */
    setMyTeams: (teams: string[]) =>
      requestJson<{ agent: Agent }>(url('/agent/me/teams'), { method: 'PUT', token, body: { teams } }),
    postMessage: (id: string, body: { text: string; clientMessageId: string; internal?: boolean }) =>
      post<{ message: Message }>(`${conv(id)}/messages`, body),
    macros: () => get<{ macros: Macro[] }>('/agent/macros'),
    tickets: () => get<{ tickets: Ticket[] }>('/agent/tickets'),
    closeTicket: (id: string) => post<{ ticket: Ticket }>(`/agent/tickets/${encodeURIComponent(id)}/close`),
    transferTargets: () => get<TransferTargets>('/agent/transfer-targets'),
    packs: () => get<{ packs: PackSummary[] }>('/packs'),
    /** Supervisors and admins only (as are the analytics calls below): agents get FORBIDDEN. */
    queues: () => get<{ queues: LiveQueue[] }>('/supervisor/queues'),
    summary: (q: SummaryQuery) => get<Summary>(`/analytics/summary?${query({ ...q })}`),
    alerts: (limit = 20) => get<{ alerts: Alert[] }>(`/analytics/alerts?limit=${limit}`),
    recentHandoffs: (limit: number, pack: string | null) =>
      get<{ handoffs: RecentHandoff[] }>(`/analytics/handoffs?${query({ limit: String(limit), pack })}`),
  };
}

/** A query string of the parameters that have a value. */
function query(params: Record<string, string | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== '') q.set(k, v);
  return q.toString();
}
