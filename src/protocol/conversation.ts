import { z } from 'zod';
import { attributeLimits, freeformObject } from './freeform-object.ts';

/** Where a conversation is in its lifecycle. */
export const conversationStates = ['bot', 'queued', 'assigned', 'resolved', 'closed'] as const;
export const conversationStateSchema = z.enum(conversationStates);
export type ConversationState = z.infer<typeof conversationStateSchema>;

export const priorities = ['normal', 'high', 'urgent'] as const;
export const prioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof prioritySchema>;

export const authorKindSchema = z.enum(['customer', 'bot', 'agent', 'system']);
export type AuthorKind = z.infer<typeof authorKindSchema>;

export const tierSchema = z.enum(['standard', 'gold', 'vip']);

/** A customer as the API shows them. */
export const customerSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  tier: tierSchema,
  attributes: z.record(z.string(), z.unknown()),
});
export type Customer = z.infer<typeof customerSchema>;

/** One entry of the append-only message log. */
export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int().min(1),
  authorKind: authorKindSchema,
  authorId: z.string().nullable(),
  text: z.string(),
  clientMessageId: z.string().nullable(),
  /** Internal notes are visible to agents only. */
  internal: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

/** A conversation as the API shows it. */
export const conversationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  pack: z.string(),
  channel: z.string(),
  /** The case it belongs to: the id of the case's first conversation (its own id when it started one). */
  caseId: z.string(),
  state: conversationStateSchema,
  priority: prioritySchema,
  team: z.string().nullable(),
  assigneeId: z.string().nullable(),
  lastSeq: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  queuedAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** 1-based place in the team's queue while queued, else null. */
  queuePosition: z.number().int().nullable(),
  /** Estimated seconds until an agent picks the conversation up, while queued; null when unknown. */
  estimatedWaitSeconds: z.number().int().nullable().optional(),
  /** Whether anyone in the team can take it now (online and within business hours), while queued. */
  agentsAvailable: z.boolean().optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** Text PostgreSQL can store: no NUL characters. */
export const storableText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

const idText = storableText(200)
  .transform((s) => s.trim())
  .pipe(z.string().min(1));

/** What a page sends to prove who its customer is: a host-signed JWT, or the host's user id with its HMAC. */
export const identityProofSchema = z.union([
  z.strictObject({
    token: z.string().min(1).max(8192).describe('a JWT the host signed; `sub` is its user id'),
  }),
  z.strictObject({
    userId: idText.describe("the host's user id"),
    hash: z.string().min(1).max(128).describe('hex HMAC-SHA256 of userId under the shared identity secret'),
  }),
]);
export type IdentityProof = z.infer<typeof identityProofSchema>;

export const createConversationBodySchema = z.strictObject({
  pack: z.string().min(1).max(64).optional(),
  channel: z.string().min(1).max(32).optional(),
  customer: z
    .strictObject({
      externalId: idText.optional(),
      name: z.string().max(200).optional(),
      email: z.email().max(320).optional(),
      tier: tierSchema.optional(),
      attributes: freeformObject(attributeLimits).optional(),
    })
    .optional(),
  /** Who the host site vouches the customer is; only this (or an API key) links to a known customer. */
  identity: identityProofSchema.optional(),
});
export type CreateConversationBody = z.infer<typeof createConversationBodySchema>;

/** A widget visitor naming themselves once the host page knows who they are (name and email only). */
export const describeCustomerBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(320).optional(),
  })
  .refine((b) => b.name !== undefined || b.email !== undefined, 'give a name or an email');
export type DescribeCustomerBody = z.infer<typeof describeCustomerBodySchema>;

export const createConversationResponseSchema = z.object({
  conversation: conversationSchema,
  customerToken: z.string(),
});

/** Text length is checked against the configured limit in the use case; this bound only stops abuse early. */
export const postMessageBodySchema = z.strictObject({
  text: storableText(100_000),
  clientMessageId: idText,
});
export type PostMessageBody = z.infer<typeof postMessageBodySchema>;

export const agentPostMessageBodySchema = z.strictObject({
  text: storableText(100_000),
  clientMessageId: idText,
  internal: z.boolean().optional(),
});

export const messageResponseSchema = z.object({ message: messageSchema });
export const messagesResponseSchema = z.object({ messages: z.array(messageSchema) });
export const conversationResponseSchema = z.object({ conversation: conversationSchema });

export const conversationIdParamsSchema = z.strictObject({ id: storableText(100) });
export const afterQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** The error body every 4xx/5xx carries: RFC 9457 problem details (`application/problem+json`) with a stable code. */
export const problemSchema = z.object({
  type: z.string().describe('A URI naming the kind of problem: urn:baton:problem:<code>'),
  title: z.string().describe('The same for every problem of this type'),
  status: z.number().int().min(400).max(599),
  detail: z.string().describe('What went wrong this time'),
  code: z.string().describe('The stable error code, e.g. CONVERSATION_NOT_FOUND'),
  details: z.unknown().optional().describe('Field-level findings, when there are some'),
});
