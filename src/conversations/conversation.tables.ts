import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Decision } from '../protocol/decision.ts';

/** Customers known to Baton (anonymous widget visitors included). */
export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    externalId: text('external_id'),
    name: text('name'),
    email: text('email'),
    /** The email came from a verified identity or an API key (not a page's claim): an authenticated email from it is theirs. */
    emailVerified: boolean('email_verified').notNull().default(false),
    tier: text('tier').notNull().default('standard'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when an agent merged this customer into another: the one that holds their timeline now. */
    mergedIntoId: text('merged_into_id'),
  },
  (t) => [uniqueIndex('customers_external_id_key').on(t.externalId)],
);

/** One conversation and where it is in its lifecycle. */
export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    pack: text('pack').notNull(),
    channel: text('channel').notNull().default('web'),
    /** The case this conversation continues (the id of its first conversation); null: it starts its own. */
    caseId: text('case_id'),
    state: text('state').notNull().default('bot'),
    priority: text('priority').notNull().default('normal'),
    team: text('team'),
    assigneeId: text('assignee_id'),
    lastSeq: integer('last_seq').notNull().default(0),
    /** What the bot remembers between turns (flow position, slots, counters). */
    botMemory: jsonb('bot_memory').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Handoff details the router needs: warm or cold, skills the agent must hold. */
    handoffMode: text('handoff_mode'),
    requiredSkills: jsonb('required_skills').$type<string[]>().notNull().default([]),
    firstAgentReplyAt: timestamp('first_agent_reply_at', { withTimezone: true }),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    slaBreachedAt: timestamp('sla_breached_at', { withTimezone: true }),
    /** Seq of the last customer message the bot owes an answer (see `bot-work-store.ts`). */
    botDueSeq: integer('bot_due_seq').notNull().default(0),
    /** Customer messages up to this seq are answered, or no longer the bot's to answer. */
    botDoneSeq: integer('bot_done_seq').notNull().default(0),
    /** The instance working on the bot's pending turns, and until when; after a failure, when to retry. */
    botLeaseOwner: text('bot_lease_owner'),
    botLeaseUntil: timestamp('bot_lease_until', { withTimezone: true }),
    /** Failed attempts at the oldest pending customer message. */
    botAttempts: integer('bot_attempts').notNull().default(0),
  },
  (t) => [
    index('conversations_state_idx').on(t.state, t.pack),
    index('conversations_bot_pending_idx').on(t.botLeaseUntil).where(sql`${t.botDueSeq} > ${t.botDoneSeq}`),
    index('conversations_queue_idx').on(t.state, t.team, t.queuedAt),
    index('conversations_assignee_idx').on(t.assigneeId),
    index('conversations_customer_idx').on(t.customerId, t.createdAt),
  ],
);

/** The append-only message log; `seq` orders messages within a conversation. */
export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    seq: integer('seq').notNull(),
    authorKind: text('author_kind').notNull(),
    authorId: text('author_id'),
    text: text('text').notNull(),
    clientMessageId: text('client_message_id'),
    internal: integer('internal').notNull().default(0),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_key').on(t.conversationId, t.seq),
    uniqueIndex('messages_client_id_key').on(t.conversationId, t.clientMessageId),
  ],
);

/** Monotonic counter used by benchmarks as the raw single-row insert baseline. */
export const benchRows = pgTable('bench_rows', {
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
  payload: text('payload').notNull(),
});

/** What the bot understood and what the policy decided on each customer turn (read by the console, analytics and replay). */
export const botTurns = pgTable(
  'bot_turns',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    turn: integer('turn').notNull(),
    messageSeq: integer('message_seq').notNull(),
    pack: text('pack').notNull(),
    botTurn: jsonb('bot_turn').$type<BotTurn>().notNull(),
    decision: jsonb('decision').$type<Decision>().notNull(),
    decisionKind: text('decision_kind').notNull(),
    /** What the turn says and does (replies, handoff), so a retried turn delivers exactly what was decided. */
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bot_turns_conversation_turn_key').on(t.conversationId, t.turn),
    uniqueIndex('bot_turns_conversation_message_key').on(t.conversationId, t.messageSeq),
    index('bot_turns_pack_created_idx').on(t.pack, t.createdAt),
  ],
);
