import { z } from 'zod';
import { conversationSchema, messageSchema, storableText } from './conversation.ts';
import { incidentSchema, teamViewSchema } from './incident.ts';

/** An offer as the agent sees it. */
export const offerSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  team: z.string().nullable(),
  priority: z.string(),
  mode: z.string(),
  expiresAt: z.string(),
  /** One line on why the customer is here (from the handoff decision). */
  reason: z.string(),
  pack: z.string(),
});
export type Offer = z.infer<typeof offerSchema>;

/**
 * Close codes the server uses besides the standard ones. After any close but 4401 a client reconnects and resumes
 * each subscription from the last seq it saw (`subscribe` with `afterSeq`).
 */
export const wsCloseCodes = {
  /** The connection kept sending past its rate limit (pings included). */
  policy: 1008,
  /** The client read too slowly: more than the allowed bytes waited to be sent to it. */
  slowConsumer: 4008,
  /** Authentication failed or did not happen in time. */
  unauthenticated: 4401,
} as const;

/** Messages a client (widget or console) sends over `/api/v1/ws`. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  /** First message: a customer token or an agent token. */
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(2000) }),
  /** Start receiving a conversation; the server first replays every message after `afterSeq`. */
  z.strictObject({
    type: z.literal('subscribe'),
    conversationId: storableText(100),
    afterSeq: z.number().int().min(0).max(2_147_483_647).default(0),
  }),
  z.strictObject({ type: z.literal('unsubscribe'), conversationId: z.string().min(1).max(100) }),
  /** Send a message; acknowledged with its seq once durable. Resending the same clientMessageId is safe. */
  z.strictObject({
    type: z.literal('send'),
    conversationId: storableText(100),
    clientMessageId: storableText(200),
    text: storableText(100_000),
    internal: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('ping') }),
  /**
   * The sender is typing (or stopped): relayed live to the other side of the conversation, never stored. Send it
   * at most every `typingThrottleMs` while typing; receivers drop it after `typingExpiryMs` without news. An agent
   * signals only on a conversation assigned to them (internal notes are not announced).
   */
  z.strictObject({ type: z.literal('typing'), conversationId: storableText(100), typing: z.boolean() }),
  /** Console users: set presence (the connection itself counts as a heartbeat). */
  z.strictObject({ type: z.literal('presence'), status: z.enum(['online', 'away']) }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Messages the server pushes. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    role: z.enum(['customer', 'agent', 'supervisor', 'admin']),
    /** The customer's conversation, or null for console users. */
    conversationId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('ack'),
    conversationId: z.string(),
    clientMessageId: z.string(),
    seq: z.number().int(),
    messageId: z.string(),
  }),
  z.object({ type: z.literal('message'), message: messageSchema }),
  /** The conversation changed (state, team, priority, assignee, queue position). */
  z.object({ type: z.literal('conversation'), conversation: conversationSchema }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    /** The clientMessageId or conversationId the error is about, when there is one. */
    ref: z.string().optional(),
  }),
  z.object({ type: z.literal('pong') }),
  /** Someone on the other side of the conversation is typing (customer to the console, agent to the customer). */
  z.object({
    type: z.literal('typing'),
    conversationId: z.string(),
    authorKind: z.enum(['customer', 'agent']),
    /** The agent's display name, or the customer's name when known; null when nobody knows it. */
    name: z.string().nullable(),
    typing: z.boolean(),
  }),
  /** An agent is offered a queued conversation; accept or decline before `expiresAt`. */
  z.object({ type: z.literal('offer'), offer: offerSchema }),
  /** An offer is no longer open (accepted, declined, expired, taken by someone else). */
  z.object({ type: z.literal('offer_closed'), offerId: z.string(), reason: z.string() }),
  /** Something a console user should see now (SLA breach, spike, agent went offline). */
  z.object({
    type: z.literal('notice'),
    level: z.enum(['info', 'warning', 'critical']),
    text: z.string(),
    conversationId: z.string().nullable(),
    event: z.string(),
  }),
  /**
   * An incident changed; with `page`, one of the user's teams is paged (or re-paged) and `view` is that team's view:
   * the console sounds the alarm until someone of the team acknowledges.
   */
  z.object({
    type: z.literal('incident'),
    event: z.string(),
    incident: incidentSchema,
    view: teamViewSchema.nullable(),
    page: z.object({ team: z.string(), pages: z.number().int(), level: z.number().int() }).nullable(),
  }),
  /** The open tickets (messages and callback requests) changed: consoles showing the list reload it. */
  z.object({
    type: z.literal('tickets'),
    event: z.enum(['created', 'closed']),
    ticketId: z.string(),
  }),
  /** The console user's presence as the router sees it. */
  z.object({ type: z.literal('presence'), status: z.enum(['online', 'away', 'offline']) }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
