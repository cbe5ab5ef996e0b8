import { z } from 'zod';
import { conversationSchema, messageSchema } from './conversation.ts';

/** Messages a client (widget or console) sends over `/api/v1/ws`. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  /** First message: a customer token or an agent token. */
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(2000) }),
  /** Start receiving a conversation; the server first replays every message after `afterSeq`. */
  z.strictObject({
    type: z.literal('subscribe'),
    conversationId: z.string().min(1).max(100),
    afterSeq: z.number().int().min(0).default(0),
  }),
  z.strictObject({ type: z.literal('unsubscribe'), conversationId: z.string().min(1).max(100) }),
  /** Send a message; acknowledged with its seq once durable. Resending the same clientMessageId is safe. */
  z.strictObject({
    type: z.literal('send'),
    conversationId: z.string().min(1).max(100),
    clientMessageId: z.string().min(1).max(200),
    text: z.string().min(1).max(100_000),
    internal: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('ping') }),
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
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
