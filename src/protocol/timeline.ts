import { z } from 'zod';
import { conversationStateSchema, customerSchema, storableText } from './conversation.ts';

/**
 * The kinds of entry in a customer's timeline. Each part that owns a kind adds it here and registers a source
 * for it (`src/channels/timeline-sources.ts`).
 */
export const timelineEntryKinds = ['conversation', 'ticket', 'appointment', 'document'] as const;
export type TimelineEntryKind = (typeof timelineEntryKinds)[number];

/** What every entry has: when it happened, and the conversation and case it belongs to. */
const entryBase = {
  at: z.string().describe('when it happened (ISO 8601); entries are ordered by it'),
  conversationId: z.string(),
  caseId: z.string().describe('the id of the first conversation of its case'),
};

/** A conversation on any channel: where it went, who helped, what it was about. */
export const conversationEntrySchema = z.object({
  kind: z.literal('conversation'),
  ...entryBase,
  channel: z.string(),
  state: conversationStateSchema,
  team: z.string().nullable(),
  teamName: z.string().nullable(),
  agentName: z.string().nullable().describe('the person who helped, if one took it'),
  topic: z.string().nullable().describe('what it was about, from its handoff context package'),
  lastActivityAt: z.string(),
});

/** A message or callback the customer left when nobody could take the conversation. */
export const ticketEntrySchema = z.object({
  kind: z.literal('ticket'),
  ...entryBase,
  ticketId: z.string(),
  ticketKind: z.string(),
  team: z.string().nullable(),
  status: z.string(),
});

/** An appointment with a team in a place (a branch, an office). */
export const appointmentEntrySchema = z.object({
  kind: z.literal('appointment'),
  ...entryBase,
  appointmentId: z.string(),
  team: z.string(),
  teamName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['booked', 'cancelled']),
  location: z.string().nullable(),
});

/** How much of what the bot asked for in a case has arrived, on any of its conversations. */
export const documentRequestProgressSchema = z.object({
  needed: z.number().int(),
  received: z.number().int(),
  missing: z.array(z.string()).describe('labels still missing, e.g. "photo ID" or "payslip (2)"'),
});
export type DocumentRequestProgress = z.infer<typeof documentRequestProgressSchema>;

/** A file the customer sent (widget upload, email attachment), never its content. */
export const documentEntrySchema = z.object({
  kind: z.literal('document'),
  ...entryBase,
  documentId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  documentKind: z.string().nullable().describe('the kind it was sent for or filed under (payslip), if any'),
  channel: z.string(),
  request: documentRequestProgressSchema
    .nullable()
    .describe("the case's latest document request, counted over every document of the case; null if none"),
});

/** One entry of a customer's timeline. */
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  conversationEntrySchema,
  ticketEntrySchema,
  appointmentEntrySchema,
  documentEntrySchema,
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type ConversationEntry = z.infer<typeof conversationEntrySchema>;
export type TicketEntry = z.infer<typeof ticketEntrySchema>;
export type AppointmentEntry = z.infer<typeof appointmentEntrySchema>;
export type DocumentEntry = z.infer<typeof documentEntrySchema>;

/** A customer's whole journey, oldest first, with the lines an agent reads first. */
export const timelineResponseSchema = z.object({
  customer: customerSchema,
  entries: z.array(timelineEntrySchema),
  summary: z.array(z.string()).describe('e.g. "last week: Mortgage advice with Dana (Lending)"'),
});
export type TimelineResponse = z.infer<typeof timelineResponseSchema>;

export const customerIdParamsSchema = z.strictObject({ id: storableText(100) });

/** Two customer records an agent found to be one person: the duplicate folds into the customer in the path. */
export const mergeCustomersBodySchema = z.strictObject({
  duplicateId: storableText(100),
  reason: storableText(500)
    .transform((s) => s.trim())
    .pipe(z.string().min(3)),
});

export const mergeCustomersResponseSchema = z.object({
  customer: customerSchema,
  mergeId: z.string(),
  movedConversations: z.number().int(),
});
